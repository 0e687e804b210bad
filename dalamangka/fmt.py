"""Numbers, percentages, changes, ranks and dates written the Indonesian way (or English).

One place for every figure the product prints: ``2.435.252 jiwa``, ``78,57 %``, ``+0,45 poin``.
Babel supplies the locale rules; plotly gets the same separators through :func:`separators`.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import TYPE_CHECKING, Any, Literal

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


def _decimal(value: float, decimals: int) -> Decimal:
    """The figure rounded the way printed tables round it: half away from zero, on the number as
    written (its shortest decimal form), not on the binary float: 12,645 -> 12,65 and 21.278,5 ->
    21.279, where Python's ``round``, numpy and Babel (half to even, on the float) give 12,64 and
    21.278. Every figure the product shows or exports is rounded here, so a chart's label, the
    table and the download agree. A figure that rounds to zero is zero, never "-0,00"."""
    written = Decimal(repr(float(value)))
    # enough digits for any float's integer part and the decimals (the default 28 would refuse 1e30)
    room = Context(prec=max(28, written.adjusted() + decimals + 2))
    d = written.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=room)
    return d.copy_abs() if d.is_zero() else d


def rounded(value: float, decimals: int) -> float:
    """``value`` as shown with ``decimals`` places (see :func:`_decimal`), as a float."""
    return float(_decimal(value, decimals))


def rounded_all(values: Any, decimals: int) -> Any:
    """:func:`rounded` of each value of an array or Series (missing stays NaN); a numpy array."""
    import numpy as np

    return np.array(
        [
            math.nan if is_missing(v) or not math.isfinite(v) else rounded(v, decimals)
            for v in np.asarray(values, float)
        ],
        dtype=float,
    )


def number(value: float | None, decimals: int = 0, lang: str = "id") -> str:
    """``2435252`` -> ``"2.435.252"``; ``78.567, 2`` -> ``"78,57"``; ``12.645, 2`` -> ``"12,65"``
    (half away from zero, :func:`_decimal`); missing -> ``"tidak ada data"``."""
    if is_missing(value):
        return MISSING.get(lang, MISSING["id"])
    assert value is not None
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    d = _decimal(value, decimals)
    with localcontext() as ctx:  # Babel quantizes again, in the thread's context: room for 1e30
        ctx.prec = max(ctx.prec, d.adjusted() + decimals + 2)
        return format_decimal(d, format=pattern, locale=_locale(lang))


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


# A table of a few rows of text (the Kualitas summary): a table on a wide screen, one card per row
# on a phone (a four-column table of sentences was three screens tall and ran off a 390 px screen).
TABLE_CSS = (
    "<style>.kda-rt{border-collapse:collapse;width:100%;margin:.25rem 0 1rem;line-height:1.45}"
    ".kda-rt th,.kda-rt td{border:1px solid rgba(49,51,63,.15);padding:.45rem .65rem;text-align:left;"
    "vertical-align:top;font-weight:400}"
    ".kda-rt thead th,.kda-rt tbody th{font-weight:600}.kda-rt thead th{background:rgba(49,51,63,.04)}"
    "@media (max-width:640px){.kda-rt thead{display:none}"
    ".kda-rt,.kda-rt tbody,.kda-rt tr,.kda-rt th,.kda-rt td{display:block;width:auto}"
    ".kda-rt tr{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;margin:0 0 .6rem;padding:.35rem 0}"
    ".kda-rt th,.kda-rt td{border:none;padding:.1rem .7rem}.kda-rt td:not(:last-child){display:inline-block}"
    ".kda-rt td::before{content:attr(data-label) ': ';font-weight:600;color:rgba(49,51,63,.75)}}</style>"
)


def html_table(frame: pd.DataFrame) -> str:
    """``frame`` (already formatted text) as an HTML table for ``st.html``: its first column heads
    each row; on a phone (:data:`TABLE_CSS`) every row is a card whose cells name their column,
    the short middle cells side by side and the last (a sentence) below them.
    Drawn without table JavaScript (issue 14); every cell keeps its text literally (tested
    against an HTML parser)."""
    cols = [html_text(c) for c in frame.columns]
    head = "".join(f'<th scope="col">{c}</th>' for c in cols)
    body = []
    for row in frame.itertuples(index=False, name=None):  # plain tuples: "ª" is no field name
        first, *rest = (html_text(v) for v in row)
        cells = "".join(f'<td data-label="{c}">{v}</td>' for c, v in zip(cols[1:], rest, strict=True))
        body.append(f'<tr><th scope="row">{first}</th>{cells}</tr>')
    rows = "".join(body)
    return f'{TABLE_CSS}<table class="kda-rt"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def html_text(text: object) -> str:
    """Text for raw HTML drawn through Streamlit's markdown: whitespace collapsed, escaped for HTML,
    and ``$`` as ``&#36;`` (markdown would start math with it)."""
    return html.escape(" ".join(str(text).split())).replace("$", "&#36;")


def md_escape(value: str) -> str:
    """``value`` safe inside a Streamlit markdown string (labels, st.error): every markdown
    punctuation character and ``<``/``>`` backslash-escaped, newlines as spaces."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])", r"\\\1", value.replace("\n", " "))
