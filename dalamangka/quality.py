"""Data quality: badges on figures, metadata completeness, the consistency checks and a readiness
score per producer (BPS and each OPD), as pure functions of query results.

:func:`run_checks` gathers every check through a ``query(name, **params)`` callable (the page
passes :func:`dalamangka.ui.query`, tests pass :func:`dalamangka.sql.run` on a connection), so
the page, the XLSX report and the tests read the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dalamangka import fmt
from dalamangka.i18n import COMMON, Text

Query = Callable[..., pd.DataFrame]

TEXT = Text(
    {
        "stale": ("usang", "stale"),
        "stale_help": (
            "Angka tahun {year}; indikator ini diperbarui tiap {every} tahun, jadi seharusnya sudah ada "
            "angka yang lebih baru.",
            "Figure for {year}; this indicator is updated every {every} years, so a newer figure is due.",
        ),
        "series": ("seri berbeda", "series break"),
        "series_help": (
            "Konsep ini punya {n} seri (metode, sumber atau batas berbeda). "
            "Jangan disambung menjadi satu garis.",
            "This concept has {n} series (different method, source or boundaries). Do not join them.",
        ),
        "registry": ("registrasi Dukcapil", "Dukcapil registry"),
        "registry_help": (
            "Hitungan registrasi administrasi kependudukan, bukan sensus/proyeksi BPS; umumnya berbeda "
            "dari angka BPS.",
            "An administrative registry count, not a BPS census or projection; usually differs from BPS.",
        ),
        "status_help": (
            "Status angka seperti dinyatakan sumber.",
            "Status of the figure as the source states it.",
        ),
        "status_unknown": ("status tidak dinyatakan", "status not stated"),
        "rse_ok": ("RSE ≤ 25 %", "RSE ≤ 25%"),
        "rse_caution": ("RSE 25–50 %: hati-hati", "RSE 25–50%: use with caution"),
        "rse_unreliable": ("RSE > 50 %: tidak andal", "RSE > 50%: unreliable"),
        "rse_help": (
            "Relative standard error estimasi survei {rse}. Praktik BPS: ≤ 25 % andal, 25–50 % gunakan "
            "dengan hati-hati, > 50 % tidak andal.",
            "Relative standard error of the survey estimate {rse}. BPS practice: ≤ 25% reliable, 25–50% "
            "use with caution, > 50% unreliable.",
        ),
        "rse_none": (
            "Sumber yang dimuat tidak memberi RSE untuk angka ini.",
            "The loaded sources give no RSE for this figure.",
        ),
        # summary
        "check": ("Pemeriksaan", "Check"),
        "all_regions": ("Semua wilayah", "All regions"),
        "explain": ("Keterangan", "Explanation"),
        "c_coverage": ("Kelengkapan angka", "Completeness of figures"),
        "c_coverage_x": (
            "Angka yang ada untuk wilayah lain pada indikator dan tahun yang sama tetapi tidak ada untuk "
            "wilayah ini (kab/kota dan kecamatannya).",
            "Figures other regions have for the same indicator and year but this region lacks (the city "
            "and its kecamatan).",
        ),
        "c_kecamatan": ("Jumlah kecamatan ≠ total kab/kota", "Kecamatan sum ≠ city total"),
        "c_kecamatan_x": (
            "Perbandingan (indikator, tahun, kab/kota) yang jumlah kecamatannya tidak sama dengan angka "
            "kab/kotanya, dari {n} perbandingan.",
            "Comparisons (indicator, year, city) whose kecamatan sum differs from the city figure, out of "
            "{n} comparisons.",
        ),
        "c_two": ("Dua sumber, nilai berbeda", "Two sources, different values"),
        "c_two_x": (
            "Angka (indikator, wilayah, tahun) yang diberikan dua sumber dengan nilai berbeda.",
            "Figures (indicator, region, year) two sources give with different values.",
        ),
        "c_registry": ("Penduduk BPS vs Dukcapil", "BPS vs Dukcapil population"),
        "c_registry_x": (
            "Wilayah yang punya kedua angka; selisih terbesar {share} (tahun bisa berbeda: BPS {ybps}, "
            "Dukcapil {yreg}).",
            "Regions with both figures; largest gap {share} (years can differ: BPS {ybps}, Dukcapil {yreg}).",
        ),
        "c_yoy": ("Lonjakan antar tahun", "Year-on-year jumps"),
        "c_yoy_x": (
            "Perubahan dari tahun sebelumnya melebihi batas indikator (lonjakan_maks); perlu dicek, "
            "belum tentu salah.",
            "Changes from the year before beyond the indicator's threshold; to be checked, not "
            "necessarily wrong.",
        ),
        "c_range": ("Di luar rentang wajar", "Out of range"),
        "c_range_x": (
            "Angka di luar rentang yang mungkin (mis. persen > 100, jumlah negatif).",
            "Figures outside the possible range (e.g. percent > 100, negative counts).",
        ),
        "c_metadata": ("Metadata belum lengkap", "Incomplete metadata"),
        "c_metadata_x": (
            "Indikator yang belum mengisi semua kolom MS-Indikator (Peraturan BPS 5/2020), dari {n}.",
            "Indicators without every MS-Indikator field (BPS Regulation 5/2020), out of {n}.",
        ),
        "missing_of": ("{missing} tidak ada dari {want}", "{missing} missing of {want}"),
        "heat_title": ("Kelengkapan angka {name}", "Completeness of figures, {name}"),
        "heat_x": ("Tahun", "Year"),
        "heat_hover": ("{have} dari {want} wilayah punya angka", "{have} of {want} regions have a figure"),
        "tier_kab": ("kab/kota", "city"),
        "tier_kec": ("kecamatan", "kecamatan"),
        # readiness
        "ready_high": ("siap", "ready"),
        "ready_mid": ("cukup, perlu dilengkapi", "fair, needs work"),
        "ready_low": ("perlu perbaikan", "needs improvement"),
        "ready_words": (
            "{producer}: skor {score} dari 100 ({level}). Metadata terisi {meta}; {timely} dari {n} "
            "indikator mutakhir; {codes} baris memakai kode wilayah BPS yang berlaku; {issues} indikator "
            "punya temuan pemeriksaan.",
            "{producer}: score {score} of 100 ({level}). Metadata {meta} filled; {timely} of {n} indicators "
            "up to date; {codes} of rows use current BPS region codes; {issues} indicators have findings "
            "from the checks.",
        ),
    }
)

COLUMNS = Text(
    {
        "indicator": ("Indikator", "Indicator"),
        "nama_indikator": ("Nama indikator", "Indicator name"),
        "kode": ("Kode wilayah", "Region code"),
        "nama": ("Wilayah", "Region"),
        "level": ("Tingkat", "Level"),
        "tingkat": ("Tingkat", "Tier"),
        "tahun": ("Tahun", "Year"),
        "periode": ("Periode", "Period"),
        "nilai": ("Nilai", "Value"),
        "source_id": ("Sumber", "Source"),
        "dipakai": ("Ditampilkan dasbor", "Shown by the dashboard"),
        "total_tercetak": ("Angka kab/kota", "City figure"),
        "jumlah_kecamatan": ("Jumlah kecamatan", "Kecamatan sum"),
        "selisih": ("Selisih", "Difference"),
        "jumlah_baris_kecamatan": ("Banyak kecamatan", "Kecamatan rows"),
        "sumber_total": ("Sumber total", "Source of total"),
        "sumber_kecamatan": ("Sumber kecamatan", "Source of kecamatan"),
        "cocok": ("Cocok", "Match"),
        "tahun_bps": ("Tahun BPS", "BPS year"),
        "penduduk_bps": ("Penduduk BPS", "BPS population"),
        "sumber_bps": ("Sumber BPS", "BPS source"),
        "tahun_registrasi": ("Tahun Dukcapil", "Dukcapil year"),
        "penduduk_registrasi": ("Penduduk terdaftar Dukcapil", "Dukcapil registered population"),
        "sumber_registrasi": ("Sumber Dukcapil", "Dukcapil source"),
        "selisih_persen": ("Selisih (% dari BPS)", "Difference (% of BPS)"),
        "tahun_sebelumnya": ("Tahun sebelumnya", "Previous year"),
        "nilai_sebelumnya": ("Nilai sebelumnya", "Previous value"),
        "perubahan": ("Perubahan", "Change"),
        "dalam_poin": ("Dalam poin", "In points"),
        "batas": ("Batas", "Threshold"),
        "sumber_sebelumnya": ("Sumber sebelumnya", "Previous source"),
        "nilai_min": ("Batas bawah", "Minimum"),
        "nilai_maks": ("Batas atas", "Maximum"),
        "ada": ("Ada", "Present"),
        "catatan": ("Catatan", "Note"),
        "producer": ("Produsen", "Producer"),
        "terisi": ("Kolom terisi", "Fields filled"),
        "wajib": ("Kolom berlaku", "Fields applicable"),
        "lengkap_persen": ("Kelengkapan (%)", "Completeness (%)"),
        "kurang": ("Belum diketahui", "Unknown"),
        "jumlah_indikator": ("Indikator", "Indicators"),
        "metadata_persen": ("Metadata (%)", "Metadata (%)"),
        "mutakhir": ("Mutakhir", "Up to date"),
        "kode_baku_persen": ("Kode wilayah baku (%)", "Standard region codes (%)"),
        "indikator_bertemuan": ("Indikator dengan temuan", "Indicators with findings"),
        "skor": ("Skor kesiapan", "Readiness score"),
        "penjelasan": ("Penjelasan", "Explanation"),
        "tahun_akhir": ("Tahun terakhir", "Latest year"),
        "update_years": ("Diperbarui tiap (tahun)", "Updated every (years)"),
    }
)

# MS-Indikator (Peraturan BPS 5/2020): (column, Bahasa label, English label).
MS_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name_id", "Nama indikator", "Indicator name"),
    ("konsep_id", "Konsep", "Concept"),
    ("definition_id", "Definisi", "Definition"),
    ("interpretation_id", "Interpretasi", "Interpretation"),
    ("method_id", "Metode/rumus penghitungan", "Method/formula"),
    ("unit_id", "Satuan", "Unit"),
    ("klasifikasi_penyajian", "Klasifikasi penyajian", "Presentation classification"),
    ("komposit", "Indikator komposit?", "Composite indicator?"),
    ("publikasi", "Publikasi ketersediaan", "Publication"),
    ("indikator_pembangun", "Nama indikator pembangun", "Component indicators"),
    ("kegiatan_penghasil", "Kegiatan penghasil", "Producing activity"),
    ("kode_kegiatan", "Kode kegiatan", "Activity code"),
    ("variabel_pembangun", "Nama variabel pembangun", "Component variables"),
    ("level_estimasi", "Level estimasi", "Estimation level"),
    ("akses_umum", "Dapat diakses umum?", "Publicly accessible?"),
)
REQUIRED_FIELDS: tuple[str, ...] = ("name_id", "name_en", "unit_id", "definition_id")

RSE_FINE = 25.0
RSE_CAUTION = 50.0
STATUS_COLORS: Mapping[str, str] = {
    "sementara": "orange",
    "sangat_sementara": "red",
    "revisi": "violet",
    "tetap": "green",
    "tidak_diketahui": "gray",
}


def is_missing(value: Any) -> bool:
    """True for None, NaN, pd.NA and empty text: a metadata field nobody filled."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float):
        return value != value
    return isinstance(value, str) and not value.strip()


@dataclass(frozen=True)
class Badge:
    """One compact flag on a figure: what it says, its colour and the longer explanation."""

    kind: str
    label: str
    color: str
    help: str


def rse_level(rse: float | None) -> str | None:
    """``"ok"`` (≤ 25 %), ``"caution"`` (25–50 %), ``"unreliable"`` (> 50 %); None without an RSE."""
    if rse is None or fmt.is_missing(rse):
        return None
    if rse <= RSE_FINE:
        return "ok"
    if rse <= RSE_CAUTION:
        return "caution"
    return "unreliable"


def badges(
    status: str | None,
    year: int | None,
    update_years: int | None,
    current_year: int,
    series_in_concept: int = 1,
    producer: str | None = None,
    rse: float | None = None,
    lang: str = "id",
) -> list[Badge]:
    """The quality flags of one figure, most important first (status, stale, series, registry, RSE)."""
    out: list[Badge] = []
    if status in ("sementara", "sangat_sementara", "revisi", "tetap"):
        out.append(
            Badge(
                "status", COMMON("status_" + status, lang), STATUS_COLORS[status], TEXT("status_help", lang)
            )
        )
    else:
        out.append(
            Badge("status", TEXT("status_unknown", lang), "gray", COMMON("status_tidak_diketahui", lang))
        )
    if year is not None and update_years and current_year - int(year) > int(update_years):
        out.append(
            Badge(
                "stale",
                TEXT("stale", lang),
                "orange",
                TEXT("stale_help", lang, year=year, every=update_years),
            )
        )
    if series_in_concept > 1:
        out.append(
            Badge("series", TEXT("series", lang), "blue", TEXT("series_help", lang, n=series_in_concept))
        )
    if producer and "dukcapil" in producer.lower():
        out.append(Badge("registry", TEXT("registry", lang), "violet", TEXT("registry_help", lang)))
    level = rse_level(rse)
    if level is not None:
        assert rse is not None
        color = {"ok": "green", "caution": "orange", "unreliable": "red"}[level]
        rse_text = fmt.value(rse, "persen", 1, lang)
        out.append(Badge("rse", TEXT("rse_" + level, lang), color, TEXT("rse_help", lang, rse=rse_text)))
    return out


def badge_text(items: list[Badge], with_status_unknown: bool = False) -> str:
    """The badges as one short line for table cells and chart hovers (``"angka sementara · usang"``)."""
    keep = [b for b in items if with_status_unknown or not (b.kind == "status" and b.color == "gray")]
    return " · ".join(b.label for b in keep)


# ---------------------------------------------------------------- metadata completeness


def applicable_fields(row: Mapping[str, Any]) -> list[str]:
    """The MS-Indikator fields that apply to an indicator (component indicators only for composites)."""
    fields = [f for f, _, _ in MS_FIELDS]
    if row.get("komposit") is not True:
        fields.remove("indikator_pembangun")
    return fields


def field_label(field: str, lang: str = "id") -> str:
    for f, label_id, label_en in MS_FIELDS:
        if f == field:
            return label_en if lang == "en" else label_id
    raise KeyError(field)


def metadata_completeness(catalog: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per indicator (catalog_indicators rows): fields filled of those that apply, the share,
    and the names of the fields still unknown."""
    rows = []
    for raw in catalog.to_dict("records"):
        rec = {str(k): v for k, v in raw.items()}
        fields = applicable_fields(rec)
        unknown = [f for f in fields if is_missing(rec.get(f))]
        rows.append(
            {
                "indicator": rec["code"],
                "nama_indikator": rec["name_en" if lang == "en" else "name_id"],
                "producer": rec["producer"],
                "terisi": len(fields) - len(unknown),
                "wajib": len(fields),
                "lengkap_persen": round(100.0 * (len(fields) - len(unknown)) / len(fields), 1),
                "kurang": ", ".join(field_label(f, lang) for f in unknown),
            }
        )
    return pd.DataFrame(rows)


def missing_required(records: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """Indicators (code -> record, as in indicators.toml) lacking a name, unit or definition."""
    out = {}
    for code, rec in records.items():
        gaps = [f for f in REQUIRED_FIELDS if is_missing(rec.get(f))]
        if gaps:
            out[code] = gaps
    return out


# ---------------------------------------------------------------- completeness heat map


def coverage_matrix(coverage: pd.DataFrame) -> pd.DataFrame:
    """quality_coverage rows -> one row per (tier, indicator, year): regions with a figure, expected."""
    if coverage.empty:
        return pd.DataFrame(columns=["tingkat", "indicator", "tahun", "ada", "dicari", "bagian"])
    grouped = coverage.groupby(["tingkat", "indicator", "tahun"], as_index=False).agg(
        ada=("ada", "sum"), dicari=("ada", "size")
    )
    grouped["ada"] = grouped["ada"].astype(int)
    grouped["bagian"] = grouped["ada"] / grouped["dicari"]
    return grouped


# The heat map's colours for no region, half and every region with a figure: Okabe-Ito vermillion,
# yellow and blue. A cell of one city is either none or all, so those two must stay apart for a
# colour-blind viewer too (red and green did not: under protanopia #c0392b and #1e8449 are
# 14 CIELAB units apart, vermillion and blue 92; tests/test_quality.py simulates it).
COVERAGE_COLOURS = ("#D55E00", "#F0E442", "#0072B2")


def coverage_figure(
    matrix: pd.DataFrame, short_names: Mapping[str, str], title: str, lang: str = "id"
) -> dict[str, Any]:
    """Heat map (Vega-Lite): rows = indicator · tier, columns = years; colour = share of regions
    with a figure. Empty cells: no region of that tier has the indicator that year (nothing is
    missing there), so they are not drawn. Vega-Lite rather than plotly: the Kualitas page's
    first view stays light on a phone (issue 14). The title is drawn by the page."""
    from dalamangka import vega

    tiers = {"kabupaten/kota": TEXT("tier_kab", lang), "kecamatan": TEXT("tier_kec", lang)}
    rows: list[dict[str, Any]] = []
    labels_set: set[str] = set()
    years_set: set[int] = set()
    columns = (matrix.indicator, matrix.tingkat, matrix.tahun, matrix.ada, matrix.dicari, matrix.bagian)
    for name, tier, tahun, ada, dicari, bagian in zip(*columns, strict=True):
        label = f"{short_names.get(str(name), str(name))} · {tiers.get(str(tier), str(tier))}"
        year = int(tahun)
        counts = {"have": fmt.number(int(ada), 0, lang), "want": fmt.number(int(dicari), 0, lang)}
        have = TEXT("heat_hover", lang, **counts)
        teks = f"{label}, {year}: {have}"
        rows.append({"baris": label, "tahun": str(year), "bagian": float(bagian), "teks": teks})
        labels_set.add(label)
        years_set.add(year)
    labels = sorted(labels_set)
    years = [str(y) for y in sorted(years_set)]
    spec = vega._spec(
        [
            {
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1},
                "encoding": {
                    "x": {"field": "tahun", "type": "ordinal", "sort": years, "title": TEXT("heat_x", lang),
                          "axis": {"orient": "top", "labelAngle": 0, "labelOverlap": "greedy"}},
                    "y": {"field": "baris", "type": "nominal", "sort": labels, "title": None,
                          "axis": {"labelLimit": 220}},
                    "color": {"field": "bagian", "type": "quantitative",
                              "scale": {"domain": [0, 0.5, 1], "range": list(COVERAGE_COLOURS),
                                        "interpolate": "lab"},
                              "legend": {"title": None, "orient": "bottom", "direction": "horizontal",
                                         "values": [0, 0.5, 1],
                                         "labelExpr": "format(datum.value * 100, 'd') + ' %'"}},
                    "tooltip": [{"field": "teks", "title": " "}],
                },
            }
        ],
        rows,
        lang,
        False,
        {"step": 20},
    )  # fmt: skip
    spec["usermeta"]["title"] = title
    return spec


# ---------------------------------------------------------------- checks and report


@dataclass(frozen=True)
class Report:
    """Every check's rows for one chosen region; the page, the XLSX and the tests read this."""

    kode: str
    nama: str
    current_year: int
    catalog: pd.DataFrame
    completeness: pd.DataFrame
    coverage: pd.DataFrame
    kecamatan_sum: pd.DataFrame
    two_sources: pd.DataFrame
    registry: pd.DataFrame
    yoy: pd.DataFrame
    out_of_range: pd.DataFrame
    producers: pd.DataFrame

    @property
    def missing(self) -> pd.DataFrame:
        """The figures missing for the region and its kecamatan (one row each)."""
        return self.coverage[~self.coverage.ada.astype(bool)].reset_index(drop=True)

    @property
    def kecamatan_failures(self) -> pd.DataFrame:
        return self.kecamatan_sum[~self.kecamatan_sum.cocok.astype(bool)].reset_index(drop=True)

    def for_region(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of a check about the chosen region or one of its kecamatan."""
        return frame[frame.kode.astype(str).str.startswith(self.kode)].reset_index(drop=True)


def _issues_by_indicator(
    kecamatan_failures: pd.DataFrame, two: pd.DataFrame, yoy: pd.DataFrame, out_of_range: pd.DataFrame
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for frame in (kecamatan_failures, two, yoy, out_of_range):
        for code, n in frame.groupby("indicator").size().items():
            counts[str(code)] = counts.get(str(code), 0) + int(n)
    return counts


def producer_scores(
    catalog: pd.DataFrame,
    completeness: pd.DataFrame,
    issues: Mapping[str, int],
    current_year: int,
    lang: str = "id",
) -> pd.DataFrame:
    """Readiness per producer: metadata share, timeliness, standard region codes, indicators with
    findings, and a 0-100 score (the mean of the four shares) explained in plain words."""
    meta = completeness.set_index("indicator")
    rows = []
    for producer, group in catalog.groupby("producer", sort=True):
        n = len(group)
        meta_share = float(meta.loc[group.code, "terisi"].sum() / meta.loc[group.code, "wajib"].sum())
        timely = 0
        for rec in group.itertuples():
            latest: Any = rec.tahun_akhir
            every: Any = rec.update_years
            if not is_missing(latest) and not is_missing(every) and current_year - int(latest) <= int(every):
                timely += 1
        rows_total = float(group.jumlah_baris.fillna(0).sum())
        codes_share = float(group.baris_kode_berlaku.fillna(0).sum()) / rows_total if rows_total else 0.0
        with_issues = sum(1 for c in group.code if issues.get(str(c), 0) > 0)
        score = round(100 * (meta_share + timely / n + codes_share + (n - with_issues) / n) / 4)
        level = TEXT("ready_high" if score >= 80 else "ready_mid" if score >= 60 else "ready_low", lang)
        words = TEXT(
            "ready_words",
            lang,
            producer=producer,
            score=fmt.number(score, 0, lang),
            level=level,
            meta=fmt.value(100 * meta_share, "persen", 0, lang),
            timely=fmt.number(timely, 0, lang),
            n=fmt.number(n, 0, lang),
            codes=fmt.value(100 * codes_share, "persen", 0, lang),
            issues=fmt.number(with_issues, 0, lang),
        )
        rows.append(
            {
                "producer": producer,
                "jumlah_indikator": n,
                "metadata_persen": round(100 * meta_share, 1),
                "mutakhir": timely,
                "kode_baku_persen": round(100 * codes_share, 1),
                "indikator_bertemuan": with_issues,
                "skor": score,
                "penjelasan": words,
            }
        )
    return (
        pd.DataFrame(rows).sort_values(["skor", "producer"], ascending=[False, True]).reset_index(drop=True)
    )


BPS_POPULATION = "penduduk_bps"
REGISTRY_POPULATION = "penduduk_dukcapil"


def run_checks(query: Query, kode: str, nama: str, current_year: int, lang: str = "id") -> Report:
    """Run every check through ``query(name, **params)`` for the chosen region."""
    catalog = query("catalog_indicators")
    completeness = metadata_completeness(catalog, lang)
    kecamatan_sum = query("quality_kecamatan_sum")
    two = query("quality_two_sources")
    yoy = query("quality_yoy_jumps")
    out_of_range = query("quality_out_of_range")
    failures = kecamatan_sum[~kecamatan_sum.cocok.astype(bool)]
    issues = _issues_by_indicator(failures, two, yoy, out_of_range)
    return Report(
        kode=kode,
        nama=nama,
        current_year=current_year,
        catalog=catalog,
        completeness=completeness,
        coverage=query("quality_coverage", kode=kode),
        kecamatan_sum=kecamatan_sum,
        two_sources=two,
        registry=query("quality_bps_registry", bps=BPS_POPULATION, registry=REGISTRY_POPULATION),
        yoy=yoy,
        out_of_range=out_of_range,
        producers=producer_scores(catalog, completeness, issues, current_year, lang),
    )


def _keys(frame: pd.DataFrame) -> int:
    return len(frame.drop_duplicates(["indicator", "kode", "tahun", "periode"])) if len(frame) else 0


def summary(report: Report, lang: str = "id") -> pd.DataFrame:
    """The first sheet of the report and the table at the top of the page: one row per check,
    failing rows over all regions and for the chosen region, and what the check means. Text only,
    already formatted, so the page and the XLSX show exactly the same."""

    def n(x: float) -> str:
        return fmt.number(x, 0, lang)

    r = report
    kec_all = r.kecamatan_failures
    reg = r.registry
    if len(reg):
        top = reg.iloc[int(reg.selisih_persen.abs().to_numpy().argmax())]
        reg_text = TEXT(
            "c_registry_x",
            lang,
            share=fmt.value(float(top.selisih_persen), "persen", 2, lang) + f" ({top.nama})",
            ybps=", ".join(str(y) for y in sorted(reg.tahun_bps.unique())),
            yreg=", ".join(str(y) for y in sorted(reg.tahun_registrasi.unique())),
        )
    else:
        reg_text = TEXT("c_registry_x", lang, share="–", ybps="–", yreg="–")
    incomplete = r.completeness[r.completeness.terisi < r.completeness.wajib]
    rows = [
        (
            TEXT("c_coverage", lang),
            "–",
            TEXT("missing_of", lang, missing=n(len(r.missing)), want=n(len(r.coverage))),
            TEXT("c_coverage_x", lang),
        ),
        (
            TEXT("c_kecamatan", lang),
            n(len(kec_all)),
            n(len(r.for_region(kec_all))),
            TEXT("c_kecamatan_x", lang, n=n(len(r.kecamatan_sum))),
        ),
        (
            TEXT("c_two", lang),
            n(_keys(r.two_sources)),
            n(_keys(r.for_region(r.two_sources))),
            TEXT("c_two_x", lang),
        ),
        (TEXT("c_registry", lang), n(len(reg)), n(len(r.for_region(reg))), reg_text),
        (TEXT("c_yoy", lang), n(len(r.yoy)), n(len(r.for_region(r.yoy))), TEXT("c_yoy_x", lang)),
        (
            TEXT("c_range", lang),
            n(len(r.out_of_range)),
            n(len(r.for_region(r.out_of_range))),
            TEXT("c_range_x", lang),
        ),
        (
            TEXT("c_metadata", lang),
            n(len(incomplete)),
            "–",
            TEXT("c_metadata_x", lang, n=n(len(r.completeness))),
        ),
    ]
    return pd.DataFrame(
        rows, columns=[TEXT("check", lang), TEXT("all_regions", lang), r.nama, TEXT("explain", lang)]
    )


def labelled(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The same rows with column headers in the chosen language."""
    keys = set(COLUMNS.keys())
    return frame.rename(columns={c: COLUMNS(c, lang) for c in frame.columns if c in keys})


def display(
    frame: pd.DataFrame, lang: str = "id", decimals: int = 2, names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """A table for the screen: numbers written by :mod:`dalamangka.fmt`, headers translated, and the
    indicator's short name beside its code when ``names`` is given."""
    out = frame.copy()
    if names is not None and "indicator" in out.columns and "nama_indikator" not in out.columns:
        out.insert(1, "nama_indikator", [names.get(str(c), str(c)) for c in out.indicator])
    for col in out.columns:
        if col in (
            "tahun",
            "tahun_sebelumnya",
            "tahun_bps",
            "tahun_registrasi",
            "tahun_akhir",
            "periode",
            "kode",
        ):
            continue
        if pd.api.types.is_bool_dtype(out[col]):
            continue
        if pd.api.types.is_numeric_dtype(out[col]):
            whole = bool(((out[col].dropna() % 1) == 0).all())
            out[col] = [fmt.number(v, 0 if whole else decimals, lang) for v in out[col]]
    return labelled(out, lang)


def sheets(report: Report, lang: str = "id") -> dict[str, pd.DataFrame]:
    """The report's sheets after the summary, one per check (raw numbers, translated headers)."""
    sheet_names = {
        "missing": ("Kelengkapan", "Completeness"),
        "kecamatan": ("Jumlah kecamatan", "Kecamatan sums"),
        "two": ("Dua sumber", "Two sources"),
        "registry": ("BPS vs Dukcapil", "BPS vs Dukcapil"),
        "yoy": ("Lonjakan", "Jumps"),
        "range": ("Di luar rentang", "Out of range"),
        "producers": ("Produsen", "Producers"),
        "metadata": ("Metadata", "Metadata"),
    }
    frames = {
        "missing": report.missing,
        "kecamatan": report.kecamatan_failures,
        "two": report.two_sources,
        "registry": report.registry,
        "yoy": report.yoy,
        "range": report.out_of_range,
        "producers": report.producers,
        "metadata": report.completeness,
    }
    idx = 1 if lang == "en" else 0
    return {sheet_names[k][idx]: labelled(v, lang) for k, v in frames.items()}


def badge_texts(
    figures: pd.DataFrame, catalog: pd.DataFrame, current_year: int, lang: str = "id", rse: str | None = None
) -> list[str]:
    """One short badge line per figure, for table cells and chart hovers (``customdata``).

    ``figures`` needs ``indicator`` and ``tahun`` (and uses ``status`` and the ``rse`` column when
    given); ``catalog`` is catalog_indicators rows (update period, series per concept, producer)."""
    meta = catalog.set_index("code")
    out = []
    for rec in figures.to_dict("records"):
        code = str(rec["indicator"])
        if code not in meta.index:
            out.append("")
            continue
        m: Any = meta.loc[code]
        year: Any = rec.get("tahun")
        every: Any = m["update_years"]
        rse_value: Any = rec.get(rse) if rse else None
        items = badges(
            None if is_missing(rec.get("status")) else str(rec.get("status")),
            None if is_missing(year) else int(year),
            None if is_missing(every) else int(every),
            current_year,
            int(m["seri_konsep"]),
            str(m["producer"]),
            None if is_missing(rse_value) else float(rse_value),
            lang,
        )
        out.append(badge_text(items))
    return out
