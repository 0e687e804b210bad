"""The planner questions the exploration views must answer on one screen, as pure functions.

- "Which kecamatan of Medan is densest?" -> :func:`densest` (the map's ranked list).
- "How did Palembang's IPM move against other Sumatran cities?" -> :func:`moved_against`
  (the island group's wide table and the city's rank in the group year by year).
- "Where does Pekalongan rank on poverty among the 98 kota?" -> :func:`rank_among` (rank,
  top/bottom N plus the chosen city, the chosen row flagged).

Each returns the table the view shows and one plain sentence (Bahasa or English) built only
from the figures in that table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dalamangka import compare, fmt, maps, tables
from dalamangka.i18n import Text

T = Text(
    {
        "densest": (
            "Kecamatan terpadat di {city} ({year}): {name}, {value}; peringkat 1 dari {n}.",
            "Densest kecamatan of {city} ({year}): {name}, {value}; rank 1 of {n}.",
        ),
        "top_of": (
            "{measure} tertinggi di {city} ({year}): {name}, {value}; peringkat 1 dari {n}.",
            "Highest {measure} in {city} ({year}): {name}, {value}; rank 1 of {n}.",
        ),
        "no_figure": ("Tidak ada angka untuk {what}.", "No figure for {what}."),
        "moved": (
            "{short} {name}: {first} ({y0}) menjadi {last} ({y1}), {change}; di antara {group}: "
            "peringkat {r0} dari {n0} pada {y0}, {r1} dari {n1} pada {y1} ({order}).",
            "{short} of {name}: {first} ({y0}) to {last} ({y1}), {change}; among {group}: "
            "rank {r0} of {n0} in {y0}, {r1} of {n1} in {y1} ({order}).",
        ),
        "one_year": (
            "{short} {name}: {last} ({y1}); seri ini hanya punya tahun {y1}, jadi belum ada perubahan. "
            "Di antara {group}: peringkat {r1} dari {n1} ({order}).",
            "{short} of {name}: {last} ({y1}); this series has only {y1}, so there is no change yet. "
            "Among {group}: rank {r1} of {n1} ({order}).",
        ),
        "ranked": (
            "{short} {name} {year}: {value}, peringkat {rank} dari {n} {level} ({order}).",
            "{short} of {name} in {year}: {value}, ranked {rank} of {n} {level} ({order}).",
        ),
    }
)


@dataclass(frozen=True)
class Answer:
    table: pd.DataFrame
    sentence: str


def densest(view: maps.MapView, city: str, year: int, lang: str = "id") -> Answer:
    """The map's regions ranked by the measure drawn (a density on a density map) and who is
    first. ``view``: :func:`dalamangka.maps.kecamatan_view` output."""
    ranked = maps.ranked_regions(view)
    have = ranked[ranked.peringkat.notna()]
    if have.empty:
        return Answer(ranked, T("no_figure", lang, what=city))
    top = have.iloc[0]
    value = fmt.value(float(top.nilai), view.unit, view.decimals, lang)
    key = "densest" if view.value.startswith("kepadatan") else "top_of"
    measure = str(view.title).split(" · ")[0]
    text = T(key, lang, city=city, year=year, name=top.nama, value=value, n=int(top.n), measure=measure)
    return Answer(ranked, text)


def ranks_by_year(grid: pd.DataFrame, indicator: str, higher_is_better: bool | None) -> pd.DataFrame:
    """Rank of every region of a group in each year of one series (rank 1 best; ties share).

    ``grid``: :func:`dalamangka.trends.frame` output. Columns: tahun, kode, nilai, peringkat, n.
    """
    rows = grid[(grid.indicator == indicator) & grid.nilai.notna()][["tahun", "kode", "nilai"]].copy()
    key = rows.nilai if higher_is_better is False else -rows.nilai
    rows["peringkat"] = key.groupby(rows.tahun).rank(method="min").astype(int)
    rows["n"] = rows.groupby("tahun").kode.transform("size").astype(int)
    return rows.sort_values(["tahun", "peringkat"]).reset_index(drop=True)


def moved_against(
    grid: pd.DataFrame,
    kode: str,
    name: str,
    indicator: str,
    short: str,
    unit: str,
    decimals: int,
    higher_is_better: bool | None,
    group_title: str,
    lang: str = "id",
    years: tuple[int, int] | None = None,
) -> Answer:
    """How one city's series moved, and its rank within the group at the start and the end.

    ``grid``: trends.frame of the group's members (the island group from
    :func:`dalamangka.groups.resolve`). The table is :func:`dalamangka.tables.wide` of the
    group with the city flagged."""
    g = grid if years is None else grid[grid.tahun.between(years[0], years[1])]
    table = tables.wide(g, decimals, [kode], lang=lang)
    own = g[(g.indicator == indicator) & (g.kode == kode) & g.nilai.notna()].sort_values("tahun")
    if own.empty:
        return Answer(table, T("no_figure", lang, what=f"{short} {name}"))
    ranks = ranks_by_year(g, indicator, higher_is_better)
    mine = ranks[ranks.kode == kode].set_index("tahun")
    y0, y1 = int(own.tahun.iloc[0]), int(own.tahun.iloc[-1])
    v0, v1 = float(own.nilai.iloc[0]), float(own.nilai.iloc[-1])
    if y0 == y1:  # one year: no "from 2025 to 2025, +0,0 %"
        return Answer(
            table,
            T(
                "one_year",
                lang,
                short=short,
                name=name,
                last=fmt.value(v1, unit, decimals, lang),
                y1=y1,
                group=group_title,
                r1=fmt.ordinal(int(mine.peringkat[y1]), lang),
                n1=int(mine.n[y1]),
                order=compare.order_text(higher_is_better, lang),
            ),
        )
    text = T(
        "moved",
        lang,
        short=short,
        name=name,
        first=fmt.value(v0, unit, decimals, lang),
        last=fmt.value(v1, unit, decimals, lang),
        y0=y0,
        y1=y1,
        change=fmt.change(v1, v0, unit, decimals, lang) or "",
        group=group_title,
        r0=fmt.ordinal(int(mine.peringkat[y0]), lang),
        n0=int(mine.n[y0]),
        r1=fmt.ordinal(int(mine.peringkat[y1]), lang),
        n1=int(mine.n[y1]),
        order=compare.order_text(higher_is_better, lang),
    )
    return Answer(table, text)


def rank_among(
    values: pd.DataFrame,
    kodes: Sequence[str],
    kode: str,
    view: compare.View,
    name: str,
    n: int = tables.DEFAULT_N,
    full: bool = False,
) -> tuple[Answer, tables.Shortlist]:
    """Where one city ranks in a group for one indicator and year, with the top/bottom ``n``
    plus the city (the full list when ``full``). ``values``: compare_values rows of the year;
    ``view``: :class:`dalamangka.compare.View` of the indicator and year."""
    rows = compare.ranked(values, list(kodes), view.higher_is_better)
    table = tables.compare_table(rows, view.decimals, [kode], view.lang)
    short = tables.top_bottom(table, [kode], n, full)
    own = table[table.kode == kode]
    lang = view.lang
    if own.empty:
        return Answer(table, T("no_figure", lang, what=f"{view.short} {name} {view.year}")), short
    r = own.iloc[0]
    text = T(
        "ranked",
        lang,
        short=view.short,
        name=name,
        year=view.year,
        value=fmt.value(float(r.nilai), view.unit, view.decimals, lang),
        rank=fmt.ordinal(int(r.peringkat), lang),
        n=len(table),
        level=compare.level_word(view.level, lang),
        order=compare.order_text(view.higher_is_better, lang),
    )
    return Answer(table, text), short
