"""The comparison group of Tren and Bandingkan, read from a page state (no Streamlit).

Both pages hold their group in one URL value, ``grup=`` (:mod:`dalamangka.groups`). Links made
before it carried the old quick picks (``set=provinsi``, ``set=pilihan``; on Bandingkan also
``pita=`` and ``daftar=``): :func:`legacy` reads them once into a ``grup`` value, the view
resolves the state to it and the page rewrites the URL, so shared links and saved decks keep
showing the same regions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dalamangka import compare, config, groups
from dalamangka.views import Fetch

EMPTY_CUSTOM = groups.Choice("daftar", "")  # ``grup=daftar``: the custom list before any pick


def legacy(set_value: str, pita: int = config.SIMILAR_POPULATION_BAND, daftar: Sequence[str] = ()) -> str:
    """The ``grup`` value an old link's ``set`` (with Bandingkan's ``pita``/``daftar``) meant
    ("" = the default group). ``set=pilihan`` without regions is the empty custom list
    ``"daftar"`` (only the chosen city; Tren keeps its extra ``wilayah`` beside it)."""
    if set_value in ("provinsi", "semua"):
        return set_value
    if set_value == "mirip":
        return groups.encode(groups.Choice("mirip", str(pita)))
    if set_value == "pilihan" or daftar:
        return groups.encode(groups.custom(daftar)) if daftar else "daftar"
    return ""


def decode(text: str, known: frozenset[str], lang: str) -> groups.Decoded:
    """Decode ``grup``; ``"daftar"`` alone is the custom list before any region is picked."""
    if text == "daftar":
        return groups.Decoded(EMPTY_CUSTOM, None)
    return groups.decode(text, known, lang)


def url_value(choice: groups.Choice) -> str:
    """The canonical ``grup`` value of a choice ("" for the default group, left out of links)."""
    text = "daftar" if choice == EMPTY_CUSTOM else groups.encode(choice)
    return "" if text == groups.DEFAULT_KIND else text


@dataclass(frozen=True)
class Resolved:
    """A page's comparison group: the choice (as the picker shows it), its canonical URL value,
    the resolved members and, for ``mirip``, the year of the population figures that chose them."""

    choice: groups.Choice
    grup: str
    group: groups.Group
    population_year: int | None
    notice: str | None  # a ``grup`` value that was refused (then the default group is shown)


def resolve(
    text: str, kode: str, regions: pd.DataFrame, labels: Mapping[str, str], fetch: Fetch, lang: str
) -> Resolved:
    """The group ``text`` (a ``grup`` value) around the chosen region ``kode``.

    ``regions``: region_pickable rows; ``labels``: indicator code -> short name (names the
    population figure of a ``mirip`` group, whose band and year the description states)."""
    decoded = decode(text, frozenset(str(k) for k in regions.kode), lang)
    choice = decoded.choice
    population, pop_year = None, None
    pop_code = config.SIMILAR_POPULATION_INDICATOR
    if choice.kind == "mirip":
        pop_year = compare.default_year(fetch("compare_years", indicator=pop_code))
        population = fetch("compare_values", indicator=pop_code, tahun=pop_year)
    group = groups.resolve(choice, kode, regions, lang, population, labels.get(pop_code, ""), pop_year)
    return Resolved(choice, url_value(choice), group, pop_year, decoded.notice)
