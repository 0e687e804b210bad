"""Numbers, percentages, changes, ranks and dates written the Indonesian way (or English).

One place for every figure the product prints: ``2.435.252 jiwa``, ``78,57 %``, ``+0,45 poin``.
Babel supplies the locale rules; plotly gets the same separators through :func:`separators`.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from typing import TYPE_CHECKING, Literal

from babel.dates import format_date
from babel.numbers import format_decimal

if TYPE_CHECKING:
    import pandas as pd

Lang = Literal["id", "en"]
LOCALES: dict[str, str] = {"id": "id_ID", "en": "en_US"}
MISSING = {"id": "tidak ada data", "en": "no data"}
PERCENT_UNITS = {"persen", "percent", "%"}
POINT_UNITS = PERCENT_UNITS | {"indeks", "index"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["id"])


def is_missing(value: float | None) -> bool:
    """True for None and NaN: a figure the sources do not give."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, decimals: int = 0, lang: str = "id") -> str:
    """``2435252`` -> ``"2.435.252"``; ``78.567, 2`` -> ``"78,57"``; missing -> ``"tidak ada data"``."""
    if is_missing(value):
        return MISSING.get(lang, MISSING["id"])
    assert value is not None
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def unit_label(unit: str, lang: str = "id") -> str:
    """How a unit is written after a number (``persen`` -> ``%``, ``km2`` -> ``km²``)."""
    if unit in PERCENT_UNITS:
        return "%"
    if unit in ("indeks", "index"):
        return ""
    return unit.replace("km2", "km²")


def value(value: float | None, unit: str, decimals: int = 0, lang: str = "id") -> str:
    """A figure with its unit: ``"78,57 %"`` (id), ``"78.57%"`` (en), ``"2.435.252 jiwa"``."""
    if is_missing(value):
        return MISSING.get(lang, MISSING["id"])
    text = number(value, decimals, lang)
    label = unit_label(unit, lang)
    if label == "%":
        return f"{text} %" if lang == "id" else f"{text}%"
    return f"{text} {label}" if label else text


def change(
    current: float | None, previous: float | None, unit: str, decimals: int = 0, lang: str = "id"
) -> str | None:
    """The change between two figures of one series, as it should be read.

    Rates and indices change in points (``+0,45 poin``); counts and amounts in percent
    (``+2,3 %``). None when either figure is missing.
    """
    if is_missing(current) or is_missing(previous):
        return None
    assert current is not None and previous is not None
    if unit in POINT_UNITS:
        diff = current - previous
        word = "poin" if lang == "id" else "points"
        return f"{'+' if diff >= 0 else '-'}{number(abs(diff), decimals, lang)} {word}"
    if previous == 0:
        return None
    rel = (current - previous) / abs(previous) * 100
    return f"{'+' if rel >= 0 else '-'}{number(abs(rel), 1, lang)} %"


def ordinal(rank: int, lang: str = "id") -> str:
    """``3`` -> ``"ke-3"`` (id) or ``"3rd"`` (en)."""
    if lang == "id":
        return f"ke-{rank}"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def date(day: dt.date, lang: str = "id") -> str:
    """``2026-11-21`` -> ``"21 November 2026"`` in either language."""
    return format_date(day, format="long", locale=_locale(lang))


def separators(lang: str = "id") -> str:
    """Plotly's ``layout.separators`` (decimal mark, then thousands mark) for the language."""
    return ",." if lang == "id" else ".,"


# Every character Streamlit's markdown gives a meaning to inside a table cell (emphasis, code,
# links, HTML, LaTeX ``$``, strike-through, the cell separator): escaped so a cell shows its text.
_MD_SPECIAL = set("\\`*_{}[]()<>#+!|$~:&")


def _md_cell(text: object) -> str:
    s = " ".join(str(text).split())  # a newline would end the row
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in s) or " "


def markdown_table(frame: pd.DataFrame) -> str:
    """``frame`` (already formatted text) as a markdown pipe table: drawn by the markdown element a
    page already loads, not by a table element whose JavaScript is 0.8 MB (issue 14). Every cell
    keeps its text literally (tested against a markdown parser)."""
    head = "| " + " | ".join(_md_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def html_text(text: object) -> str:
    """Text for raw HTML drawn through Streamlit's markdown: whitespace collapsed, escaped for HTML,
    and ``$`` as ``&#36;`` (markdown would start math with it)."""
    return html.escape(" ".join(str(text).split())).replace("$", "&#36;")
