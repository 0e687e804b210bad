"""Bandingkan: where a city stands among others in one year. Pure functions, no Streamlit.

Rows come from ``queries/compare_values.sql`` (one figure per current kota/kabupaten, with its
rank among its level). Comparison sets are lists of region codes; members without a figure
that year are named as "tidak ada data", never drawn as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dalamangka import charts, fmt
from dalamangka.i18n import COMMON, Text

TEXT = Text(
    {
        "title": ("Bandingkan {name}", "Compare {name}"),
        "intro": (
            "Posisi kota di antara kota lain pada satu tahun. Semua angka dari tahun yang sama; "
            "wilayah tanpa angka disebut, tidak dianggap nol.",
            "Where the city stands among others in one year. All figures are from the same year; "
            "regions without a figure are named, never counted as zero.",
        ),
        "indicator": ("Indikator", "Indicator"),
        "year": ("Tahun", "Year"),
        "year_help": (
            "Tahun dengan angka untuk sedikitnya satu kota; jumlah kota berangka di dalam kurung.",
            "Years with a figure for at least one kota; the number of kota with one in brackets.",
        ),
        "year_label": ("{year} ({n} kota)", "{year} ({n} kota)"),
        "set": ("Pembanding", "Compare with"),
        "set_lima": ("5 kota percontohan", "5 pilot cities"),
        "set_provinsi": ("Kota se-provinsi", "Kota in the province"),
        "set_semua": ("Semua 98 kota", "All 98 kota"),
        "set_mirip": ("Kota berpenduduk serupa", "Kota of similar population"),
        "set_pilihan": ("Daftar sendiri", "My own list"),
        "band": ("Rentang penduduk (± %)", "Population band (± %)"),
        "custom": ("Wilayah pembanding (ketik untuk mencari)", "Regions to compare (type to search)"),
        "mark": ("Sorot juga", "Also highlight"),
        "bar_title": ("{indicator} {year}: {desc}", "{indicator} {year}: {desc}"),
        "strip_title": (
            "Posisi di antara {n} {level} yang punya data {year}",
            "Position among the {n} {level} with {year} data",
        ),
        "scatter_title": ("{x} dan {y}, {year}", "{x} and {y}, {year}"),
        "scatter_x": ("Dibandingkan dengan", "Against"),
        "scatter_sub": (
            "{n} {level} yang punya kedua angka tahun {year}",
            "{n} {level} with both figures for {year}",
        ),
        "median": ("Median", "Median"),
        "median_set": ("Median kelompok", "Group median"),
        "order_high": ("peringkat 1 = tertinggi", "rank 1 = highest"),
        "order_low": ("peringkat 1 = terendah", "rank 1 = lowest"),
        "order_size": ("peringkat 1 = terbesar", "rank 1 = largest"),
        "sub_year": ("Semua angka tahun {year}", "All figures for {year}"),
        "sub_sources": (
            "angka dari {n} sumber berbeda ({ids})",
            "figures from {n} different sources ({ids})",
        ),
        "sub_band_year": (
            "kelompok dipilih menurut {pop} {pop_year}, angka indikator tahun {year}",
            "group chosen by {pop} {pop_year}, indicator figures for {year}",
        ),
        "sub_scatter_sources": ("sumbu X: {x}; sumbu Y: {y}", "x axis: {x}; y axis: {y}"),
        "sentence": (
            "{short} {name} {year} sebesar {value}",
            "{short} of {name} in {year} is {value}",
        ),
        "sentence_ratio": ("{ratio} kali median {n} {level}", "{ratio} times the median of {n} {level}"),
        "sentence_ratio_partial": (
            "{ratio} kali median {n} {level} yang punya data",
            "{ratio} times the median of the {n} {level} with data",
        ),
        "sentence_rank": ("peringkat {rank} dari {n} ({order})", "ranked {rank} of {n} ({order})"),
        "sentence_missing": (
            "{short} {name} {year}: tidak ada data.",
            "{short} of {name} in {year}: no data.",
        ),
        "no_year": (
            "Indikator ini belum punya angka kota/kabupaten.",
            "This indicator has no city figures yet.",
        ),
        "no_members": (
            "Tidak ada wilayah dalam kelompok ini yang punya angka {indicator} tahun {year}.",
            "No region of this group has a {indicator} figure for {year}.",
        ),
        "missing_members": ("Tidak ada data {year}: {items}.", "No {year} data: {items}."),
        "no_scatter": (
            "Tidak ada wilayah yang punya angka {x} dan {y} untuk tahun {year}.",
            "No region has both {x} and {y} figures for {year}.",
        ),
        "same_indicator": ("Pilih indikator kedua yang berbeda.", "Choose a different second indicator."),
        "sentences": ("Dalam satu kalimat", "In one sentence"),
        "table": ("Tabel peringkat", "Ranking table"),
        "to_trend": ("Lihat tren indikator ini", "See the trend of this indicator"),
    }
)


@dataclass(frozen=True)
class Group:
    """A comparison set: its member codes and a sentence saying how it was chosen."""

    kodes: list[str]
    description: str
    band_basis: str | None = None  # set when members were chosen by another figure (population)
    problem: str | None = None  # why the set is empty, for the page to say


def default_year(years: pd.DataFrame, kode_has: Sequence[int] = ()) -> int | None:
    """The latest year in which at least half as many kota as in the best-covered year have a
    figure (so a year with a handful of early releases is not the default)."""
    if years.empty:
        return None
    best = int(years.n_kota.max())
    good = years[years.n_kota * 2 >= best]
    return int((good if not good.empty else years).tahun.max())


def median(values: pd.Series) -> float | None:
    """The median of real figures (None when there are none)."""
    v = values.dropna()
    return None if v.empty else float(v.median())


def order_text(higher_is_better: object, lang: str) -> str:
    if higher_is_better is True:
        return TEXT("order_high", lang)
    if higher_is_better is False:
        return TEXT("order_low", lang)
    return TEXT("order_size", lang)


def ranked(values: pd.DataFrame, kodes: Sequence[str], higher_is_better: object) -> pd.DataFrame:
    """Members with a figure, in rank order within the set (rank 1 best; ties share a rank)."""
    rows = values[values.kode.isin(list(kodes))].copy()
    if rows.empty:
        return rows.assign(peringkat=pd.Series(dtype="int64"))
    key = rows.nilai if higher_is_better is False else -rows.nilai
    rows["peringkat"] = key.rank(method="min").astype(int)
    return rows.sort_values(["peringkat", "nama"]).reset_index(drop=True)


def missing_members(values: pd.DataFrame, kodes: Sequence[str], regions: pd.DataFrame) -> list[str]:
    """Names of set members without a figure that year."""
    have = set(values.kode)
    names = dict(zip(regions.kode, regions.nama, strict=True))
    return [names[k] for k in kodes if k not in have and k in names]


def level_word(level: str, lang: str) -> str:
    return COMMON("level_" + level, lang) if level in ("kota", "kabupaten") else level


def sentence(
    values: pd.DataFrame,
    kode: str,
    name: str,
    short: str,
    unit: str,
    decimals: int,
    year: int,
    level: str,
    level_total: int,
    higher_is_better: object,
    lang: str,
) -> str:
    """One plain sentence: the figure, its ratio to the median of the level, its rank.

    ``values`` are compare_values rows of the year (all kota and kabupaten with a figure).
    """
    own = values[values.kode == kode]
    if own.empty:
        return TEXT("sentence_missing", lang, short=short, name=name, year=year)
    r = own.iloc[0]
    value = float(r.nilai)
    text = TEXT(
        "sentence", lang, short=short, name=name, year=year, value=fmt.value(value, unit, decimals, lang)
    )
    peers = values[values.level == r.level]
    mid = median(peers.nilai)
    word = level_word(str(r.level), lang)
    if mid:
        key = "sentence_ratio" if len(peers) == level_total else "sentence_ratio_partial"
        text += ", " + TEXT(key, lang, ratio=fmt.number(value / mid, 2, lang), n=len(peers), level=word)
    rank = TEXT(
        "sentence_rank",
        lang,
        rank=fmt.ordinal(int(r.rank_level), lang),
        n=fmt.number(len(peers), 0, lang),  # ranked among the regions of its level with a figure
        order=order_text(higher_is_better, lang),
    )
    return f"{text}; {rank}."


def sources_note(ids: Sequence[str], lang: str) -> str | None:
    """Say so when the compared figures come from more than one source."""
    parts = sorted({p for s in ids for p in str(s).split("+") if p})
    if len(parts) < 2:
        return None
    return TEXT("sub_sources", lang, n=len(parts), ids=", ".join(parts))


def subtitle(year: int, ids: Sequence[str], group: Group, pop_year: int | None, lang: str) -> str:
    """The line under a comparison chart: the year, and whether sources or years differ."""
    parts = [TEXT("sub_year", lang, year=year)]
    note = sources_note(ids, lang)
    if note:
        parts.append(note)
    if group.band_basis and pop_year is not None and pop_year != year:
        parts.append(TEXT("sub_band_year", lang, pop=group.band_basis, pop_year=pop_year, year=year))
    return " · ".join(parts)


def pair(x_values: pd.DataFrame, y_values: pd.DataFrame, level: str) -> pd.DataFrame:
    """Regions of a level with both figures (kode, nama, x, y, source_x, source_y)."""
    x = x_values[x_values.level == level][["kode", "nama", "nilai", "source_id"]]
    y = y_values[y_values.level == level][["kode", "nilai", "source_id"]]
    both = x.merge(y, on="kode", suffixes=("_x", "_y"))
    renamed = {"nilai_x": "x", "nilai_y": "y", "source_id_x": "source_x", "source_id_y": "source_y"}
    return both.rename(columns=renamed).reset_index(drop=True)


def default_second(indicator: str, others: Sequence[str]) -> str:
    """The indicator a scatter starts with: poverty against IPM, else IPM, else the first."""
    for code in ("p0", "ipm") if indicator != "p0" else ("ipm", "tpt"):
        if code in others:
            return code
    return others[0]


@dataclass(frozen=True)
class View:
    """One indicator in one year, seen from the chosen city's level, in one language."""

    code: str
    short: str
    name: str
    unit: str
    unit_text: str
    decimals: int
    higher_is_better: object
    definition: str
    year: int
    level: str
    lang: str

    @classmethod
    def of(cls, meta: pd.Series, year: int, level: str, lang: str) -> View:
        """From a trend_indicators row (indexed by code)."""
        en = lang == "en"
        hib = meta["higher_is_better"]
        return cls(
            code=str(meta.name),
            short=str(meta["short_en" if en else "short_id"]),
            name=str(meta["name_en" if en else "name_id"]),
            unit=str(meta["unit_id"]),
            unit_text=str(meta["unit_en" if en else "unit_id"]),
            decimals=int(str(meta["decimals"])),
            higher_is_better=None if pd.isna(hib) else bool(hib),
            definition=str(meta["definition_en" if en else "definition_id"]),
            year=year,
            level=level if level in ("kota", "kabupaten") else "kota",
            lang=lang,
        )

    def axis_title(self) -> str:
        u = fmt.unit_label(self.unit_text, self.lang)
        return f"{self.short} ({u})" if u else self.short

    def bar_spec(self, rows: pd.DataFrame, group: Group, pop_year: int | None) -> charts.ValueSpec:
        title = TEXT("bar_title", self.lang, indicator=self.short, year=self.year, desc=group.description)
        notes = [subtitle(self.year, rows.source_id.tolist(), group, pop_year, self.lang)]
        if len(title) > 60:  # a long group description goes on its own line under a short title
            title = f"{self.short} {self.year}"
            notes.insert(0, group.description)
        notes.append(order_text(self.higher_is_better, self.lang))
        return charts.ValueSpec(
            title=title,
            subtitle=charts.join_lines(" · ".join(notes).split(" · ")),
            x_title=self.axis_title(),
            unit=self.unit,
            decimals=self.decimals,
            median_label=TEXT("median_set", self.lang),
        )

    def strip_spec(self, peers: pd.DataFrame) -> charts.ValueSpec:
        word = level_word(self.level, self.lang)
        title = TEXT("strip_title", self.lang, n=len(peers), level=word, year=self.year)
        note = sources_note(peers.source_id.tolist(), self.lang)
        sub = charts.join_lines([TEXT("sub_year", self.lang, year=self.year), note or ""])
        return charts.ValueSpec(
            title=title,
            subtitle=sub,
            x_title=self.axis_title(),
            unit=self.unit,
            decimals=self.decimals,
            median_label=f"{TEXT('median', self.lang)} {len(peers)} {word}",
        )

    def scatter_spec(self, both: pd.DataFrame, y_meta: pd.Series) -> charts.ScatterSpec:
        other = View.of(y_meta, self.year, self.level, self.lang)
        word = level_word(self.level, self.lang)
        sub = TEXT("scatter_sub", self.lang, n=len(both), level=word, year=self.year)
        x_ids = sorted({p for s in both.source_x for p in str(s).split("+")})
        y_ids = sorted({p for s in both.source_y for p in str(s).split("+")})
        if x_ids != y_ids:
            sources = TEXT("sub_scatter_sources", self.lang, x=", ".join(x_ids), y=", ".join(y_ids))
            sub = charts.join_lines([sub, sources])
        return charts.ScatterSpec(
            title=TEXT("scatter_title", self.lang, x=self.short, y=other.short, year=self.year),
            subtitle=sub,
            x_title=self.axis_title(),
            y_title=other.axis_title(),
            x_unit=self.unit,
            y_unit=other.unit,
            x_decimals=self.decimals,
            y_decimals=other.decimals,
        )

    def sentence(self, values: pd.DataFrame, kode: str, name: str, regions: pd.DataFrame) -> str:
        total = int((regions.level == self.level).sum())
        return sentence(
            values,
            kode,
            name,
            self.short,
            self.unit,
            self.decimals,
            self.year,
            self.level,
            total,
            self.higher_is_better,
            self.lang,
        )
