"""Tren: how an indicator moved, for any set of regions. Pure functions, no Streamlit.

Rows come from ``queries/trend_series.sql`` (every series of the chosen indicator's concept).
Series are never joined: each (series, region) is its own line on a full year grid, so a year
without a figure is a gap. Index and year-on-year change are computed only from real figures;
a missing base year or previous year gives no value, never an estimate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dalamangka import charts, fmt
from dalamangka.i18n import Text

MODES: tuple[str, ...] = ("nilai", "indeks", "perubahan")

TEXT = Text(
    {
        "title": ("Tren {name}", "Trend of {name}"),
        "others": ("{n} wilayah lain", "{n} other regions"),
        "chart_title_series": ("{name}: {n} seri, digambar terpisah", "{name}: {n} series, drawn separately"),
        "intro": (
            "Bagaimana angka bergerak dari tahun ke tahun. Tahun tanpa angka dibiarkan kosong; "
            "seri berbeda dari konsep yang sama digambar sebagai garis terpisah.",
            "How a figure moved year by year. Years without a figure stay empty; different "
            "series of one concept are drawn as separate lines.",
        ),
        "indicator": ("Indikator", "Indicator"),
        "set": ("Wilayah pembanding", "Regions to show"),
        "set_lima": ("5 kota percontohan", "5 pilot cities"),
        "set_provinsi": ("Kota se-provinsi", "Kota in the province"),
        "set_semua": ("Semua 98 kota", "All 98 kota"),
        "set_pilihan": ("Hanya pilihan", "Only my picks"),
        "extra": ("Tambah wilayah (ketik untuk mencari)", "Add regions (type to search)"),
        "mode": ("Tampilan", "Show as"),
        "mode_nilai": ("Nilai", "Value"),
        "mode_indeks": ("Indeks (tahun dasar = 100)", "Index (base year = 100)"),
        "mode_perubahan": ("Perubahan dari tahun sebelumnya", "Change from the previous year"),
        "base_year": ("Tahun dasar", "Base year"),
        "y_index": ("Indeks ({year} = 100)", "Index ({year} = 100)"),
        "y_change_points": ("Perubahan (poin)", "Change (points)"),
        "y_change_percent": ("Perubahan (%)", "Change (%)"),
        "sub_nilai": ("{unit} · tahun {first}–{last}", "{unit} · years {first}–{last}"),
        "sub_indeks": (
            "Indeks, {year} = 100 · tahun {first}–{last}",
            "Index, {year} = 100 · years {first}–{last}",
        ),
        "sub_perubahan": (
            "Perubahan dari tahun sebelumnya · tahun {first}–{last}",
            "Change from the previous year · years {first}–{last}",
        ),
        "sub_sources": ("angka dari {n} sumber berbeda", "figures from {n} different sources"),
        "break_ipm": (
            "IPM digambar per seri: seri lama (UHH proyeksi SP2010), seri revisi BPS 2024 (UHH Long Form "
            "SP2020) dan seri Dalam Angka 2026 memakai metode atau penyajian berbeda, jadi tidak disambung.",
            "HDI is drawn per series: the old series (SP2010 projections), the BPS 2024 revision (SP2020 "
            "long form) and the Dalam Angka 2026 series differ in method or presentation, so they are "
            "not joined.",
        ),
        "break_penduduk": (
            "Penduduk digambar per seri: BPS (sensus/proyeksi), Dukcapil (registrasi) dan turunan PDRB "
            "diukur dengan cara berbeda dan tidak boleh disambung menjadi satu garis.",
            "Population is drawn per series: BPS (census/projection), Dukcapil (civil registry) and the "
            "GRDP-implied figure are measured differently and must not be joined into one line.",
        ),
        "break_other": (
            "Seri berbeda dari konsep yang sama ({series}) digambar terpisah dan tidak disambung.",
            "Different series of one concept ({series}) are drawn separately and not joined.",
        ),
        "no_base": (
            "Tidak ada angka tahun dasar {year} untuk: {items}. Garisnya tidak ditampilkan pada mode indeks.",
            "No figure for the base year {year} for: {items}. Their lines are not shown in index mode.",
        ),
        "no_indicators": (
            "Gudang data belum punya angka tahunan kota/kabupaten.",
            "The warehouse has no yearly city figures yet.",
        ),
        "no_data": (
            "Tidak ada data {indicator} untuk wilayah yang dipilih.",
            "No {indicator} data for the chosen regions.",
        ),
        "no_data_regions": ("Tidak ada data {indicator}: {items}.", "No {indicator} data: {items}."),
        "no_change": (
            "Tidak ada dua tahun berurutan dengan angka, jadi perubahan tahunan tidak dapat dihitung.",
            "No two consecutive years with figures, so a year-on-year change cannot be computed.",
        ),
        "table": ("Tabel ringkas", "Summary table"),
        "table_note": (
            "Dihitung dari angka asli setiap seri (bukan dari indeks). Rata-rata pertumbuhan per tahun "
            "(CAGR) hanya bila kedua angka positif.",
            "Computed from each series' published figures (not the index). Average annual growth (CAGR) "
            "only where both figures are positive.",
        ),
        "search": ("Cari wilayah atau seri", "Search region or series"),
        "sort": ("Urutkan menurut", "Sort by"),
        "col_wilayah": ("Wilayah", "Region"),
        "col_seri": ("Seri", "Series"),
        "col_tahun_awal": ("Tahun awal", "Start year"),
        "col_nilai_awal": ("Nilai awal", "Start value"),
        "col_tahun_akhir": ("Tahun akhir", "End year"),
        "col_nilai_akhir": ("Nilai akhir", "End value"),
        "col_perubahan": ("Perubahan", "Change"),
        "col_perubahan_persen": ("Perubahan (%)", "Change (%)"),
        "col_cagr_persen": ("Rata-rata pertumbuhan per tahun (%)", "Average annual growth (%)"),
        "download_csv": ("Unduh CSV", "Download CSV"),
        "download_xlsx": ("Unduh XLSX (dengan metadata)", "Download XLSX (with metadata)"),
        "to_compare": ("Bandingkan antarkota untuk indikator ini", "Compare cities for this indicator"),
    }
)


def indicator_label(row: Mapping[str, object], lang: str) -> str:
    """How an indicator is listed in a picker (and written in the URL): its short name."""
    return str(row["short_en"] if lang == "en" else row["short_id"])


DEFAULT_INDICATORS: tuple[str, ...] = ("ipm", "tpt", "p0")


def default_index(codes: Sequence[str]) -> int:
    """Position of the indicator a page opens with: IPM when the warehouse has it."""
    return next((list(codes).index(c) for c in DEFAULT_INDICATORS if c in codes), 0)


def series_labels(rows: pd.DataFrame, lang: str) -> dict[str, str]:
    """Short name per series code, in the language."""
    col = "short_en" if lang == "en" else "short_id"
    return {str(k): str(v) for k, v in rows.drop_duplicates("indicator").set_index("indicator")[col].items()}


def frame(rows: pd.DataFrame, chosen_indicator: str, lang: str) -> pd.DataFrame:
    """Every (series, region) on the full grid of years from the first to the last figure.

    Missing years get NaN ``nilai`` (a gap). Columns: indicator, kode, nama, label, series_rank,
    tahun, nilai, status, source_id.
    """
    cols = ["indicator", "kode", "nama", "label", "series_rank", "tahun", "nilai", "status", "source_id"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    labels = series_labels(rows, lang)
    order = [chosen_indicator, *[i for i in dict.fromkeys(rows.indicator) if i != chosen_indicator]]
    several = rows.indicator.nunique() > 1
    years = list(range(int(rows.tahun.min()), int(rows.tahun.max()) + 1))
    pairs = rows[["indicator", "kode", "nama"]].drop_duplicates(["indicator", "kode"])
    grid = pairs.merge(pd.DataFrame({"tahun": years}), how="cross")
    figures = rows[["indicator", "kode", "tahun", "nilai", "status", "source_id"]]
    grid = grid.merge(figures, on=["indicator", "kode", "tahun"], how="left")
    if several:
        grid["label"] = grid.nama + " · " + grid.indicator.map(labels)
    else:
        grid["label"] = grid.nama
    grid["series_rank"] = grid.indicator.map({code: i for i, code in enumerate(order)}).astype(int)
    grid["nilai"] = grid.nilai.astype(float)
    return grid[cols]


def transform(grid: pd.DataFrame, mode: str, unit: str, base_year: int | None = None) -> pd.DataFrame:
    """Add ``y``: the value, an index (base year = 100) or the change from the previous year.

    Change is in points for rates and indices, in percent for counts and amounts, and only
    where both the year and the one before have a figure.
    """
    out = grid.copy()
    if mode == "indeks":
        base = out[out.tahun == base_year].set_index(["indicator", "kode"]).nilai
        key = pd.MultiIndex.from_frame(out[["indicator", "kode"]])
        b = np.array(base.reindex(key).to_numpy(dtype=float), dtype=float)
        b[b == 0] = float("nan")
        out["y"] = out.nilai.to_numpy(dtype=float) / b * 100
    elif mode == "perubahan":
        prev = out.groupby(["indicator", "kode"], sort=False).nilai.shift(1)
        if unit in fmt.POINT_UNITS:
            out["y"] = out.nilai - prev
        else:
            out["y"] = (out.nilai / prev.where(prev != 0) - 1) * 100
    else:
        out["y"] = out.nilai
    return out


def missing_base(grid: pd.DataFrame, base_year: int) -> list[str]:
    """Labels of the lines with no figure in the base year (not drawn in index mode)."""
    at_base = grid[(grid.tahun == base_year) & grid.nilai.notna() & (grid.nilai != 0)]
    have = set(zip(at_base.indicator, at_base.kode, strict=True))
    lines = grid.drop_duplicates(["indicator", "kode"])
    return [str(r.label) for r in lines.itertuples() if (r.indicator, r.kode) not in have]


def break_note(rows: pd.DataFrame, concept: str, lang: str) -> str | None:
    """Why several series of one concept are drawn apart (None when there is only one)."""
    if rows.empty or rows.indicator.nunique() < 2:
        return None
    if concept in ("ipm", "penduduk"):
        return TEXT("break_" + concept, lang)
    return TEXT("break_other", lang, series=", ".join(series_labels(rows, lang).values()))


def citation(
    source_ids: Sequence[str], sources: pd.DataFrame, lang: str, years: Mapping[str, str] | int | None = None
) -> str:
    """``Sumber`` text for the figures used: each source's short citation once, with the years
    of the figures taken from it (``years``: one year for all, or per source id)."""
    cites = _citations(sources, lang)
    ids = sorted({p for s in source_ids for p in str(s).split("+") if p})
    parts = []
    for sid in ids:  # per source: a citation may itself hold "; " (S07 names Dukcapil and BIG)
        part = _cite(sid, cites)
        when = None if years is None else str(years) if isinstance(years, int) else years.get(sid)
        parts.append(f"{part}, {when}" if when else part)
    return "; ".join(parts)


def source_years(frame_: pd.DataFrame) -> dict[str, str]:
    """Per source id, the years of the figures drawn from it ("2010–2021" or "2024")."""
    have = frame_[frame_.nilai.notna() & frame_.source_id.notna()]
    out: dict[str, list[int]] = {}
    for sid, year in zip(have.source_id, have.tahun, strict=True):
        for part in str(sid).split("+"):
            out.setdefault(part, []).append(int(year))
    return {k: f"{min(v)}–{max(v)}" if min(v) != max(v) else str(v[0]) for k, v in out.items()}


def source_ids(frame_: pd.DataFrame) -> list[str]:
    """The distinct sources of the figures in a frame (gaps have none)."""
    return sorted({str(s) for s in frame_.source_id.dropna()})


def subtitle(frame_: pd.DataFrame, mode: str, unit: str, base_year: int | None, lang: str) -> str:
    """The line under the chart title: what is drawn, the years, and if sources differ."""
    have = frame_[frame_.nilai.notna()]
    first, last = int(have.tahun.min()), int(have.tahun.max())
    text = TEXT(
        "sub_" + mode, lang, unit=fmt.unit_label(unit, lang) or unit, year=base_year, first=first, last=last
    )
    n = len({p for s in source_ids(have) for p in s.split("+")})
    return charts.join_lines([text, TEXT("sub_sources", lang, n=n) if n > 1 else ""])


def y_title(mode: str, unit: str, base_year: int | None, lang: str) -> str:
    if mode == "indeks":
        return TEXT("y_index", lang, year=base_year)
    if mode == "perubahan":
        return TEXT("y_change_points" if unit in fmt.POINT_UNITS else "y_change_percent", lang)
    return fmt.unit_label(unit, lang) or unit


def chart_title(name: str, short: str, frame_: pd.DataFrame, lang: str) -> str:
    """The chart's title: the indicator's full name, or its short name and the number of series."""
    n = frame_.indicator.nunique()
    return TEXT("chart_title_series", lang, name=short, n=n) if n > 1 else name


def chart_spec(
    title: str, frame_: pd.DataFrame, mode: str, unit: str, decimals: int, base_year: int | None, lang: str
) -> charts.TrendSpec:
    """Titles and number format of the trend chart for the mode."""
    if mode == "indeks":
        shown_unit, dec = "indeks", 1
    elif mode == "perubahan":
        shown_unit, dec = ("poin" if unit in fmt.POINT_UNITS else "persen"), 2
    else:
        shown_unit, dec = unit, decimals
    return charts.TrendSpec(
        title=title,
        subtitle=subtitle(frame_, mode, unit, base_year, lang),
        y_title=y_title(mode, unit, base_year, lang),
        unit=shown_unit,
        decimals=dec,
        others_label=TEXT("others", lang, n="{n}"),
    )


# --- the summary table ------------------------------------------------------------------------

NUMERIC = ("nilai_awal", "nilai_akhir", "perubahan", "perubahan_persen", "cagr_persen")
SHOWN = ("wilayah", "seri", "tahun_awal", "nilai_awal", "tahun_akhir", "nilai_akhir", *NUMERIC[2:])


def summary(grid: pd.DataFrame, decimals: int) -> pd.DataFrame:
    """One row per (series, region) with a figure: first and last figure, their change,
    relative change and average annual growth (CAGR), rounded as shown.

    Hidden columns kode, indicator, status_awal, status_akhir, source_awal, source_akhir keep
    what the metadata sheet needs.
    """
    have = grid[grid.nilai.notna()]
    if have.empty:
        return pd.DataFrame()
    by = have.groupby(["indicator", "kode"], sort=False).tahun
    a = have.loc[by.idxmin()].reset_index(drop=True)
    b = have.loc[by.idxmax()].reset_index(drop=True)
    va, vb = a.nilai.to_numpy(dtype=float), b.nilai.to_numpy(dtype=float)
    years = (b.tahun - a.tahun).to_numpy(dtype=float)
    span = years > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(span & (va != 0), (vb / va - 1) * 100, np.nan)
        growth = np.where(
            span & (va > 0) & (vb > 0), (np.abs(vb / va) ** (1 / np.where(span, years, 1)) - 1) * 100, np.nan
        )
    several = grid.label.ne(grid.nama).any()
    out = pd.DataFrame(
        {
            "kode": a.kode,
            "indicator": a.indicator,
            "wilayah": a.nama.astype(str),
            "seri": a.label.str.split(" · ", n=1).str[1] if several else "",
            "series_rank": a.series_rank.astype(int),
            "tahun_awal": a.tahun.astype(int),
            "nilai_awal": fmt.rounded_all(va, decimals),
            "tahun_akhir": b.tahun.astype(int),
            "nilai_akhir": fmt.rounded_all(vb, decimals),
            "perubahan": np.where(span, fmt.rounded_all(vb - va, decimals), np.nan),
            "perubahan_persen": fmt.rounded_all(rel, 2),
            "cagr_persen": fmt.rounded_all(growth, 2),
            "status_awal": a.status.astype(str),
            "status_akhir": b.status.astype(str),
            "source_awal": a.source_id.astype(str),
            "source_akhir": b.source_id.astype(str),
        }
    )
    out["seri"] = out.seri.fillna("")
    return out


def search_sort(table: pd.DataFrame, search: str, sort: str) -> pd.DataFrame:
    """Rows whose region or series contains ``search`` (any case), sorted by ``sort``.

    Numbers sort largest first with missing last; regions alphabetically.
    """
    if table.empty:
        return table
    out = table
    if search.strip():
        needle = search.strip().lower()
        hit = out.wilayah.str.lower().str.contains(needle, regex=False) | out.seri.str.lower().str.contains(
            needle, regex=False
        )
        out = out[hit]
    if sort == "wilayah" or sort not in table.columns:
        out = out.sort_values(["wilayah", "series_rank"], kind="stable")
    else:
        out = out.sort_values([sort, "wilayah"], ascending=[False, True], na_position="last", kind="stable")
    return out.reset_index(drop=True)


def headers(unit: str, lang: str, unit_text: str | None = None) -> dict[str, str]:
    """Column headings of the shown table (values carry the unit, ``unit_text`` when given)."""
    u = fmt.unit_label(unit_text or unit, lang) or unit_text or unit
    heads = {c: TEXT("col_" + c, lang) for c in SHOWN}
    for c in ("nilai_awal", "nilai_akhir", "perubahan"):
        heads[c] += f" ({u})"
    if unit in fmt.POINT_UNITS:
        heads["perubahan"] = TEXT("col_perubahan", lang) + (" (poin)" if lang == "id" else " (points)")
    return heads


@dataclass(frozen=True)
class Shown:
    """The table as shown (strings, Indonesian format) and as exported (numbers), same cells."""

    display: pd.DataFrame
    export: pd.DataFrame


def shown_table(
    table: pd.DataFrame, unit: str, decimals: int, lang: str, unit_text: str | None = None
) -> Shown:
    """Format the summary for the screen, and keep the same rows and columns as numbers."""
    heads = headers(unit, lang, unit_text)
    cols = [c for c in SHOWN if c != "seri" or (not table.empty and table.seri.ne("").any())]
    if table.empty:
        empty = pd.DataFrame(columns=[heads[c] for c in cols])
        return Shown(empty, empty)
    export = table[cols].rename(columns=heads)
    display = pd.DataFrame({heads[c]: _display(table[c], c, decimals, lang) for c in cols})
    return Shown(display, export)


def _display(col: pd.Series, name: str, decimals: int, lang: str) -> list[str]:
    if name in ("wilayah", "seri"):
        return [str(v) for v in col]
    if name.startswith("tahun"):
        return [str(int(v)) for v in col]
    dec = decimals if name in ("nilai_awal", "nilai_akhir", "perubahan") else 2
    return [fmt.number(None if pd.isna(v) else float(v), dec, lang) for v in col]


def _citations(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    return {
        str(k): str(v)
        for k, v in zip(sources.source_id, sources["cite_en" if lang == "en" else "cite_id"], strict=True)
    }


def _cite(source_id: str, cites: dict[str, str]) -> str:
    return "; ".join(f"{cites.get(s, s)} [{s}]" for s in sorted({p for p in str(source_id).split("+") if p}))
