"""Tables of the exploration views: every region × every year, ranked lists, top/bottom N.

Pure functions, no Streamlit. Values stay numbers (rounded as shown) so a table sorts by value,
not as text; the Indonesian number format is applied only for display by :func:`styled` (a
pandas Styler, which ``st.dataframe`` accepts; sorting still uses the numbers underneath).
:func:`column_config` gives the labels and help of each column as plain dicts (the keys of
Streamlit's ``ColumnConfig``), so this module does not import Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from dalamangka import fmt, trends
from dalamangka.i18n import COMMON, Text

T = Text(
    {
        "kode": ("Kode BPS", "BPS code"),
        "wilayah": ("Wilayah", "Region"),
        "provinsi": ("Provinsi", "Province"),
        "seri": ("Seri", "Series"),
        "tahun_awal": ("Tahun awal", "Start year"),
        "nilai_awal": ("Nilai awal", "Start value"),
        "tahun_akhir": ("Tahun akhir", "End year"),
        "nilai_akhir": ("Nilai akhir", "End value"),
        "perubahan": ("Perubahan", "Change"),
        "perubahan_persen": ("Perubahan (%)", "Change (%)"),
        "cagr_persen": ("Rata-rata pertumbuhan per tahun (%)", "Average annual growth (%)"),
        "cagr_catatan": ("Catatan pertumbuhan", "Growth note"),
        "peringkat": ("Peringkat", "Rank"),
        "nilai": ("Nilai", "Value"),
        "dipilih": ("Dipilih", "Chosen"),
        "peringkat_level": ("Peringkat di antara semua {level}", "Rank among all {level}"),
        "n_level": ("Jumlah {level} berangka", "{level} with a figure"),
        "status": ("Status angka", "Status"),
        "source_id": ("Sumber", "Source"),
        "n": ("Jumlah berperingkat", "Number ranked"),
        "help_year": (
            "Angka tahun {year}; – = tidak ada data (bukan nol).",
            "{year} figure; – = no data (not zero).",
        ),
        "help_awal": (
            "Tahun pertama dengan angka dalam rentang yang dipilih.",
            "First year with a figure in the chosen range.",
        ),
        "help_akhir": (
            "Tahun terakhir dengan angka dalam rentang yang dipilih.",
            "Last year with a figure in the chosen range.",
        ),
        "help_change_points": (
            "Nilai akhir − nilai awal, dalam poin.",
            "End value − start value, in points.",
        ),
        "help_change": ("Nilai akhir − nilai awal.", "End value − start value."),
        "help_rel": ("(akhir ÷ awal − 1) × 100.", "(end ÷ start − 1) × 100."),
        "help_cagr": (
            "(akhir ÷ awal)^(1 ÷ jumlah tahun) − 1: hanya bila kedua angka positif dan tahunnya berbeda.",
            "(end ÷ start)^(1 ÷ number of years) − 1: only where both figures are positive and years differ.",
        ),
        "help_rank": (
            "Peringkat menurut ukuran yang ditampilkan (di peta atau grafik).",
            "Rank by the measure shown (on the map or chart).",
        ),
        "cagr_one_year": ("hanya satu tahun berangka", "only one year with a figure"),
        "cagr_not_positive": (
            "angka awal atau akhir nol atau negatif",
            "start or end figure is zero or negative",
        ),
        "missing": ("–", "–"),
        "hidden": ("… {n} wilayah lain …", "… {n} other regions …"),
        "show_all": ("Tampilkan semua {n} wilayah", "Show all {n} regions"),
        "top_bottom": (
            "{top} teratas, {bottom} terbawah dan {chosen}; {hidden} lainnya disembunyikan",
            "top {top}, bottom {bottom} and {chosen}; {hidden} others hidden",
        ),
        "rank_of": ("peringkat {rank} dari {n}", "rank {rank} of {n}"),
    }
)

_LABELLED = frozenset(T.keys())
HIGHLIGHT = "background-color: #fff3b0; color: #000000"  # the chosen region's row
#: Keyword arguments for ``st.dataframe`` beside :func:`styled` and :func:`column_config`: a
#: missing figure shows as "–" (the column help says "– = tidak ada data"), not as "None"
#: (Streamlit draws missing cells itself and ignores the Styler's text for them).
DATAFRAME_ARGS: dict[str, object] = {"placeholder": "–", "hide_index": True}
DEFAULT_N = 10  # top/bottom N shown by default in a ranked list of many regions
CHANGE_COLUMNS = (
    "tahun_awal",
    "nilai_awal",
    "tahun_akhir",
    "nilai_akhir",
    "perubahan",
    "perubahan_persen",
    "cagr_persen",
    "cagr_catatan",
)


def year_columns(table: pd.DataFrame) -> list[str]:
    """The year columns of a wide table ("2010", "2011", ...), in order."""
    return [c for c in table.columns if isinstance(c, str) and c.isdigit() and len(c) == 4]


def wide(
    grid: pd.DataFrame,
    decimals: int,
    chosen: Sequence[str] = (),
    years: tuple[int, int] | None = None,
    provinces: pd.DataFrame | None = None,
    lang: str = "id",
) -> pd.DataFrame:
    """One row per (series, region), one column per year, then start, end, absolute and
    relative change, CAGR and why CAGR is missing where it is.

    ``grid``: :func:`dalamangka.trends.frame` output (indicator, kode, nama, label, series_rank,
    tahun, nilai, status, source_id). ``years``: keep only this inclusive range (the Tren range).
    ``provinces``: region_pickable rows, to add the province name. Values are rounded to
    ``decimals`` (relative change and CAGR to 2) and stay numbers; a year without a figure is
    NaN. ``dipilih`` flags the chosen regions. Rows: chosen first, then series, then name.
    """
    g = grid
    if years is not None:
        g = g[g.tahun.between(years[0], years[1])]
    cols = ["kode", "indicator", "wilayah", "seri", "series_rank", *CHANGE_COLUMNS, "dipilih"]
    if g.empty or g.nilai.notna().sum() == 0:
        return pd.DataFrame(columns=cols)
    first, last = int(g.tahun.min()), int(g.tahun.max())
    g = g.assign(nilai=fmt.rounded_all(g.nilai, decimals))
    keyed = g.drop_duplicates(["indicator", "kode", "tahun"]).set_index(["indicator", "kode", "tahun"])
    pivot = keyed.nilai.unstack("tahun")
    pivot = pivot.reindex(columns=range(first, last + 1))
    pivot.columns = [str(c) for c in pivot.columns]
    summary = trends.summary(g, decimals)
    if summary.empty:
        return pd.DataFrame(columns=cols)
    out = summary[["kode", "indicator", "wilayah", "seri", "series_rank", *CHANGE_COLUMNS[:-1]]].copy()
    out["cagr_catatan"] = _cagr_notes(out, lang)
    out["dipilih"] = out.kode.isin(list(chosen))
    out = out.merge(pivot.reset_index(), on=["indicator", "kode"], how="left")
    if provinces is not None:
        prov = provinces.drop_duplicates("kode").set_index("kode").provinsi_nama
        out.insert(3, "provinsi", out.kode.map(prov).fillna(""))
    order = ["kode", "indicator", "wilayah"]
    order += ["provinsi"] if "provinsi" in out else []
    order += ["seri", "series_rank", *year_columns(out), *CHANGE_COLUMNS, "dipilih"]
    out = out[order].sort_values(
        ["dipilih", "series_rank", "wilayah"], ascending=[False, True, True], kind="stable"
    )
    return out.reset_index(drop=True)


def _cagr_notes(table: pd.DataFrame, lang: str) -> list[str]:
    notes = []
    r: Any
    for r in table.itertuples(index=False):
        if not pd.isna(r.cagr_persen):
            notes.append("")
        elif int(r.tahun_awal) == int(r.tahun_akhir):
            notes.append(T("cagr_one_year", lang))
        else:
            notes.append(T("cagr_not_positive", lang))
    return notes


def search(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows whose region, province, series or BPS code contains ``text`` (any case)."""
    needle = text.strip().lower()
    if not needle or table.empty:
        return table
    hit = pd.Series(False, index=table.index)
    for col in ("wilayah", "provinsi", "seri", "kode", "nama"):
        if col in table:
            hit |= table[col].astype(str).str.lower().str.contains(needle, regex=False)
    return table[hit].reset_index(drop=True)


def decimals_of(column: str, decimals: int) -> int:
    """Decimals a column is shown with: values and changes as the indicator, percents with 2."""
    if column in ("perubahan_persen", "cagr_persen"):
        return 2
    if column in ("tahun_awal", "tahun_akhir", "peringkat", "n"):
        return 0
    return decimals


NUMBER_COLUMNS = ("nilai_awal", "nilai_akhir", "perubahan", "perubahan_persen", "cagr_persen", "nilai")


def styled(table: pd.DataFrame, decimals: int, lang: str = "id", hidden: Sequence[str] = ()) -> Styler:
    """The table for ``st.dataframe``: numbers in the language's format (2.435.252; 78,57),
    missing as "–", the chosen rows highlighted; underlying values stay numeric for sorting.

    Pass ``column_config(...)`` beside it; do not give number formats there (they would
    override this formatting with an English one).
    """
    shown = table.drop(columns=[c for c in (*hidden, "series_rank", "indicator") if c in table])
    miss = T("missing", lang)

    def number(dec: int) -> Any:
        return lambda v: miss if v is None or pd.isna(v) else fmt.number(float(v), dec, lang)

    formats: dict[str, Any] = {}
    for col in shown.columns:
        if col in year_columns(shown) or col in NUMBER_COLUMNS:
            formats[col] = number(decimals_of(col, decimals))
        elif col in ("tahun_awal", "tahun_akhir", "peringkat", "peringkat_level", "n_level"):
            formats[col] = lambda v: miss if v is None or pd.isna(v) else str(int(v))
    style = shown.style.format(formats, na_rep=miss)
    if "dipilih" in shown:
        style = style.apply(lambda row: [HIGHLIGHT if bool(row["dipilih"]) else ""] * len(row), axis=1)
    return style


def column_config(
    table: pd.DataFrame, unit: str, lang: str = "id", unit_text: str | None = None, level: str = "kota"
) -> dict[str, dict[str, Any] | None]:
    """Labels and help per column (Streamlit ``ColumnConfig`` keys), hidden helper columns."""
    u = fmt.unit_label(unit_text or unit, lang) or ""
    points = unit in fmt.POINT_UNITS
    conf: dict[str, dict[str, Any] | None] = {}
    for col in table.columns:
        if col in year_columns(table):
            conf[col] = {"label": col, "help": T("help_year", lang, year=col)}
        elif col in ("series_rank", "indicator"):
            conf[col] = None
        elif col == "dipilih":
            conf[col] = {"label": T("dipilih", lang), "hidden": True}
        elif col in _LABELLED:
            label = T(
                col, lang, level=COMMON("level_" + level, lang) if level in ("kota", "kabupaten") else level
            )
            if col in ("nilai_awal", "nilai_akhir", "nilai") and u:
                label += f" ({u})"
            if col == "perubahan":
                label += (" (poin)" if lang == "id" else " (points)") if points else (f" ({u})" if u else "")
            entry: dict[str, Any] = {"label": label}
            help_key = {
                "tahun_awal": "help_awal",
                "tahun_akhir": "help_akhir",
                "perubahan": "help_change_points" if points else "help_change",
                "perubahan_persen": "help_rel",
                "cagr_persen": "help_cagr",
                "peringkat": "help_rank",
            }.get(col)
            if help_key:
                entry["help"] = T(help_key, lang)
            if col == "wilayah":
                entry["pinned"] = True
            conf[col] = entry
    return conf


# --- ranked lists ------------------------------------------------------------------------------


def ranks(values: pd.Series, higher_is_better: bool | None) -> pd.Series:
    """Rank 1 = best (lowest when ``higher_is_better`` is False, else the largest); ties share
    the lowest rank (SQL ``rank()``); missing values get no rank (NaN)."""
    key = values.astype(float) if higher_is_better is False else -values.astype(float)
    return key.rank(method="min", na_option="keep")


def ranked_list(
    frame: pd.DataFrame,
    value: str,
    higher_is_better: bool | None,
    decimals: int,
    chosen: Sequence[str] = (),
    key: str = "kode",
) -> pd.DataFrame:
    """The regions of a map in rank order of the measure drawn (``value``), missing last.

    Columns: peringkat (float, NaN where no figure), n (regions with a figure), kode (BPS
    code; None for a shape without one), nama, nilai (rounded as shown), dipilih, and ``key``
    (the map's feature id, e.g. kode_kemendagri) when it is not ``kode``. Ranks use the
    unrounded values, so they match the hover and the map's classes.
    """
    out = pd.DataFrame(
        {
            "peringkat": ranks(frame[value], higher_is_better).to_numpy(),
            "n": int(frame[value].notna().sum()),
            "kode": frame["kode"].to_numpy(),
            "nama": frame["nama"].astype(str).to_numpy(),
            "nilai": fmt.rounded_all(frame[value], decimals),
        }
    )
    if key != "kode":
        out[key] = frame[key].to_numpy()
    out["dipilih"] = out.kode.isin(list(chosen))
    return out.sort_values(["peringkat", "nama"], na_position="last", kind="stable").reset_index(drop=True)


def rank_of(table: pd.DataFrame, kode: str) -> tuple[int, int] | None:
    """(rank, number ranked) of a region in a ranked list, None when it has no figure."""
    row = table[table.kode == kode]
    if row.empty or pd.isna(row.peringkat.iloc[0]):
        return None
    n = int(row.n.iloc[0]) if "n" in row else int(table.peringkat.notna().sum())
    return int(row.peringkat.iloc[0]), n


@dataclass(frozen=True)
class Shortlist:
    """A ranked list cut to the top and bottom N plus the chosen regions.

    ``rows``: the rows shown, in rank order, with ``dipilih`` and ``lompat`` (how many ranked
    rows are hidden just before this row). ``hidden``: rows hidden in all; 0 means the full list.
    """

    rows: pd.DataFrame
    hidden: int
    total: int
    n: int

    def summary(self, chosen_names: Sequence[str], lang: str = "id") -> str:
        if not self.hidden:
            return ""
        chosen = ", ".join(chosen_names) or "-"
        return T("top_bottom", lang, top=self.n, bottom=self.n, chosen=chosen, hidden=self.hidden)


def top_bottom(
    ranked: pd.DataFrame, chosen: Sequence[str], n: int = DEFAULT_N, full: bool = False
) -> Shortlist:
    """Top ``n``, bottom ``n`` and the chosen regions of a list in rank order (the full list when
    ``full`` or when it is short). Rows without a figure (no rank) are never cut: they are listed
    after the ranked ones, so a missing figure is not hidden."""
    rows = ranked.reset_index(drop=True).copy()
    if "dipilih" not in rows:
        rows["dipilih"] = rows.kode.isin(list(chosen))
    rank_col = "peringkat"
    has = rows[rank_col].notna().to_numpy() if rank_col in rows else np.ones(len(rows), dtype=bool)
    n_ranked = int(has.sum())
    pos = np.cumsum(has) - 1
    keep = (~has) | (pos < n) | (pos >= n_ranked - n) | rows.kode.isin(list(chosen)).to_numpy() | full
    shown = rows[keep].copy()
    idx = shown.index.to_numpy()
    gaps = np.diff(np.concatenate([[-1], idx])) - 1
    shown["lompat"] = gaps.astype(int)
    hidden = int(len(rows) - len(shown))
    return Shortlist(shown.reset_index(drop=True), hidden, len(rows), n)


def status_label(status: object, lang: str = "id") -> str:
    """A figure's status as readers read it ("angka sementara"); no status: "status tidak
    dinyatakan sumber"; a code the app does not know is shown as it is, never guessed."""
    code = status if isinstance(status, str) and status else "tidak_diketahui"  # None, NaN, pd.NA
    return COMMON("status_" + code, lang) if "status_" + code in COMMON.keys() else code  # noqa: SIM118


def compare_table(rows: pd.DataFrame, decimals: int, chosen: Sequence[str], lang: str = "id") -> pd.DataFrame:
    """Bandingkan's ranking as numbers: rank in the group, BPS code, region, province, value
    (rounded as shown), rank among the level and how many of the level have a figure, status (as
    readers read it), source, chosen flag. ``rows``: :func:`dalamangka.compare.ranked` output."""
    cols = [
        "peringkat",
        "kode",
        "wilayah",
        "provinsi",
        "nilai",
        "peringkat_level",
        "n_level",
        "status",
        "source_id",
    ]
    if rows.empty:
        return pd.DataFrame(columns=[*cols, "dipilih"])
    out = pd.DataFrame(
        {
            "peringkat": rows.peringkat.astype(int).to_numpy(),
            "kode": rows.kode.astype(str).to_numpy(),
            "wilayah": rows.nama.astype(str).to_numpy(),
            "provinsi": rows.provinsi_nama.fillna("").astype(str).to_numpy(),
            "nilai": fmt.rounded_all(rows.nilai, decimals),
            "peringkat_level": rows.rank_level.astype(int).to_numpy(),
            "n_level": rows.n_level.astype(int).to_numpy(),
            "status": [status_label(v, lang) for v in rows.status],
            "source_id": rows.source_id.astype(str).to_numpy(),
        }
    )
    out["dipilih"] = out.kode.isin(list(chosen))
    return out
