"""Population structure of a region from the registry and BPS age groups (issue 12): which series
a region has, the chart's words, the note that no split by sex exists, the comparison of two
series of one concept for the Kualitas page, and the Peta caption naming the series and the
boundary vintage. Pure functions of query results; no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dalamangka import charts, fmt, vega
from dalamangka.i18n import Text

T = Text(
    {
        "title": ("Struktur umur penduduk {name}", "Age structure of {name}"),
        "subtitle_series": ("{series} {year}", "{series} {year}"),
        "subtitle_sexes": ("laki-laki dan perempuan digabung", "males and females together"),
        "subtitle_labels": ("label: persen dari jumlah", "labels: percent of the total"),
        "axis_age": ("umur (tahun)", "age (years)"),
        "no_sex": (
            "Sumber memberi kelompok umur tanpa rincian jenis kelamin, jadi piramida laki-laki/perempuan "
            "tidak dapat digambar; grafik menunjukkan jumlah per kelompok umur.",
            "The source gives age groups without a split by sex, so a male/female pyramid cannot be "
            "drawn; the chart shows the count per age group.",
        ),
        "series_bps": ("BPS", "BPS"),
        "series_dukcapil_smt1": ("Registrasi Dukcapil, Semester I", "Dukcapil registry, Semester I"),
        "series_other": ("{producer}", "{producer}"),
        "pairs_title": ("Dua seri satu konsep: selisih", "Two series of one concept: differences"),
        "pairs_intro": (
            "Angka yang sama konsepnya tetapi berbeda seri (sumber, semester atau tahun) dibandingkan, "
            "tidak disambung. Selisih = seri kedua dikurangi seri pertama.",
            "Figures of one concept from different series (source, semester or year) are compared, "
            "never joined. Difference = second series minus first.",
        ),
        "pair": ("{a} → {b}", "{a} → {b}"),
        "col_region": ("Wilayah", "Region"),
        "col_first": ("Seri 1", "Series 1"),
        "col_second": ("Seri 2", "Series 2"),
        "col_diff": ("Selisih", "Difference"),
        "col_diff_pct": ("Selisih (%)", "Difference (%)"),
        "map_series": (
            "Seri: {series} ({year}); sumber: {cite}. Batas: angka menurut wilayah kecamatan tahun {year}; "
            "peta digambar dengan batas kecamatan Kemendagri 2025.",
            "Series: {series} ({year}); source: {cite}. Boundaries: figures for the kecamatan as they were "
            "in {year}; the map is drawn with the Kemendagri 2025 kecamatan boundaries.",
        ),
        "go_2010": ("Lihat angka 2010 (SP2010)", "Show the 2010 figures (SP2010)"),
        "go_newest": ("Kembali ke angka terbaru ({year})", "Back to the newest figures ({year})"),
    }
)

SP2010 = "penduduk_sp2010_olah_cepat"  # the 2010 kecamatan figures, one click from the newest

# Pairs of series of one concept that Kualitas compares (first, second): Dukcapil Semester I vs
# Semester II 2024, and BPS 2025 vs each Dukcapil semester.
SERIES_PAIRS: tuple[tuple[str, str], ...] = (
    ("penduduk_dukcapil_smt1", "penduduk_dukcapil"),
    ("penduduk_bps", "penduduk_dukcapil_smt1"),
    ("penduduk_bps", "penduduk_dukcapil"),
)


@dataclass(frozen=True)
class AgeSeries:
    """One series of age groups for a region: its rows, source, year and name."""

    source_id: str
    tahun: int
    name: str
    rows: pd.DataFrame


def series_name(indicator: str, producer: str, lang: str) -> str:
    if indicator.endswith("_dukcapil_smt1"):
        return T("series_dukcapil_smt1", lang)
    if producer == "BPS":
        return T("series_bps", lang)
    return T("series_other", lang, producer=producer)


def age_series(rows: pd.DataFrame, lang: str) -> list[AgeSeries]:
    """The age-group series of a region (rows of age_structure), newest year first; a series is
    shown only when all its 16 groups are there (a partial set would misdraw the structure)."""
    out = []
    for (source, tahun), group in rows.groupby(["source_id", "tahun"], sort=False):
        if len(group) != 16:
            continue
        first = group.iloc[0]
        name = series_name(str(first.indicator), str(first.producer), lang)
        year = int(str(tahun))
        out.append(AgeSeries(str(source), year, name, group.reset_index(drop=True)))
    return sorted(out, key=lambda s: (-s.tahun, s.source_id))


def age_titles(series: AgeSeries, region: str, lang: str) -> tuple[str, str]:
    """Title and subtitle of the age-structure chart."""
    parts = [
        T("subtitle_series", lang, series=series.name, year=series.tahun),
        T("subtitle_sexes", lang),
        T("subtitle_labels", lang),
    ]
    return T("title", lang, name=region), charts.join_lines(parts, 48)


def age_structure_spec(rows: pd.DataFrame, lang: str, projected: bool = False) -> dict[str, Any]:
    """Vega-Lite horizontal bars of one series' age groups, youngest at the bottom (the shape of a
    population pyramid), both sexes together: the sources give no split by sex, so no halves are
    drawn. Bars show the count, labels the share of the total; the tooltip both. Vega-Lite, not
    plotly: the chart sits on Ringkasan, whose first view must stay light on a phone (issue 14)."""
    rows = rows.sort_values("umur_bawah")
    people = "people" if lang == "en" else "jiwa"
    data = [
        {
            "umur": charts.age_label(int(lo), None if pd.isna(up) else float(up)),
            "nilai": float(v),
            "teks": fmt.value(float(v), people, 0, lang),
            "persen": fmt.value(float(p), "persen", 1, lang),
        }
        for lo, up, v, p in zip(rows.umur_bawah, rows.umur_atas, rows.nilai, rows.persen, strict=True)
    ]
    order = [d["umur"] for d in reversed(data)]  # oldest on top
    y = {"field": "umur", "type": "nominal", "sort": order, "title": T("axis_age", lang)}
    bars = {
        "mark": {"type": "bar", "color": charts.PALETTE[0]},
        "encoding": {
            "x": {
                "field": "nilai",
                "type": "quantitative",
                "title": people,
                "axis": {"format": vega.number_format(0), "tickCount": 4, "labelOverlap": True},
            },
            "y": y,
            "tooltip": [
                {"field": "umur", "title": T("axis_age", lang)},
                {"field": "teks", "title": people},
                {"field": "persen", "title": "%"},
            ],
        },
    }
    labels = {
        "mark": {"type": "text", "align": "left", "dx": 3},
        "encoding": {"x": {"field": "nilai", "type": "quantitative"}, "y": y, "text": {"field": "persen"}},
    }
    step = vega.BAR_STEP * (1.6 if projected else 1)
    spec = vega._spec([bars, labels], data, lang, projected, {"step": step})
    spec["padding"] = {"right": 44}  # the share label of the longest bar stays inside the chart
    return spec


def pairs_table(frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows of quality_series_pairs as formatted text: region, both series with year and figure,
    difference and its share (numbers through fmt)."""
    out = []
    for r in frame.to_dict("records"):
        first = f"{names.get(r['seri_1'], r['seri_1'])} {r['tahun_1']}: {fmt.number(r['nilai_1'], 0, lang)}"
        second = f"{names.get(r['seri_2'], r['seri_2'])} {r['tahun_2']}: {fmt.number(r['nilai_2'], 0, lang)}"
        out.append(
            {
                T("col_region", lang): str(r["nama"]),
                T("col_first", lang): f"{first} ({r['sumber_1']})",
                T("col_second", lang): f"{second} ({r['sumber_2']})",
                T("col_diff", lang): fmt.number(r["selisih"], 0, lang),
                T("col_diff_pct", lang): fmt.value(r["selisih_persen"], "persen", 2, lang),
            }
        )
    return pd.DataFrame(out)


def map_series_caption(name: str, tahun: int, cite: str, lang: str) -> str:
    """The caption under a kecamatan map: which series and year, and which boundaries."""
    return T("map_series", lang, series=name, year=tahun, cite=cite)
