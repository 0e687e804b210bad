"""Time choices of the exploration views: a year range (Tren), one year (Peta, Bandingkan), and the
years a Peta "play" steps through. Pure, no Streamlit.

Only years that have figures are offered: a slider over 2010-2025 whose middle years have no
figure would let a user pick an empty map. URL values: ``tahun=2021`` (one year, fixed for every
page) and ``rentang=2015-2021`` (Tren's range, first and last year inclusive). An invalid value
is refused whole with a notice naming it and what is shown instead; never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from dalamangka.i18n import Text

T = Text(
    {
        "bad_year": (
            "Tahun «{value}» tidak ada datanya untuk indikator ini; yang ditampilkan: {shown}.",
            "Year «{value}» has no figures for this indicator; shown instead: {shown}.",
        ),
        "bad_range": (
            "Rentang tahun «{value}» tidak sah ({why}); yang ditampilkan: {shown}.",
            "Year range «{value}» is not valid ({why}); shown instead: {shown}.",
        ),
        "why_format": ("tulis seperti 2015-2021", "write it like 2015-2021"),
        "why_order": ("tahun awal sesudah tahun akhir", "start year after end year"),
        "why_empty": ("tidak ada tahun berangka di dalamnya", "no year with figures inside it"),
        "range_label": ("{first}–{last}", "{first}–{last}"),
        "play": ("Putar tahun", "Play the years"),
        "few": ("{year}: hanya {n} wilayah berangka", "{year}: only {n} regions with a figure"),
    }
)
_YEAR = re.compile(r"^[0-9]{4}$")
_RANGE = re.compile(r"^([0-9]{4})-([0-9]{4})$")


def available(years: Iterable[object]) -> list[int]:
    """The distinct years with figures, ascending (NaN and non-years dropped)."""
    out = set()
    for y in years:
        if y is None or (isinstance(y, float) and pd.isna(y)):
            continue
        out.add(int(y))  # type: ignore[call-overload]
    return sorted(out)


def slider_options(years: Iterable[object]) -> list[int]:
    """Options of a year slider (``st.select_slider``): only years with figures, ascending."""
    return available(years)


@dataclass(frozen=True)
class Chosen:
    value: int
    notice: str | None = None


def single_year(
    text: str | int | None, years: Iterable[object], default: int | None = None, lang: str = "id"
) -> Chosen:
    """The year to show: ``text`` (from ``tahun=``) when it is a year with figures, else the
    default (the latest year, or ``default`` when it exists) with a notice naming ``text``.

    Raises ValueError when there are no years at all (the view shows its empty state first).
    """
    have = available(years)
    if not have:
        raise ValueError("no years with figures")
    fallback = default if default in have else have[-1]
    if text is None or text == "":
        return Chosen(fallback)
    raw = str(text).strip()
    if _YEAR.match(raw) and int(raw) in have:
        return Chosen(int(raw))
    value = raw if len(raw) <= 20 else raw[:20] + "…"
    return Chosen(fallback, T("bad_year", lang, value=value, shown=fallback))


@dataclass(frozen=True)
class Range:
    first: int
    last: int
    notice: str | None = None

    def encode(self) -> str:
        return encode_range(self.first, self.last)

    def years(self, have: Iterable[object]) -> list[int]:
        """The years with figures inside the range."""
        return [y for y in available(have) if self.first <= y <= self.last]


def encode_range(first: int, last: int) -> str:
    """``(2015, 2021)`` -> ``"2015-2021"`` (the ``rentang=`` value)."""
    return f"{int(first)}-{int(last)}"


def year_range(text: str | None, years: Iterable[object], lang: str = "id") -> Range:
    """The range to show: ``text`` (``rentang=2015-2021``) when valid, else every year with
    figures, with a notice naming ``text``. A valid range is narrowed to the first and last
    years with figures inside it (so the chart starts and ends on a figure), silently: the
    years between hold nothing to show. Raises ValueError when there are no years at all."""
    have = available(years)
    if not have:
        raise ValueError("no years with figures")
    full = Range(have[0], have[-1])
    if text is None or text == "":
        return full
    raw = str(text).strip()
    m = _RANGE.match(raw)
    shown = T("range_label", lang, first=full.first, last=full.last)
    value = raw if len(raw) <= 20 else raw[:20] + "…"
    if not m:
        return Range(
            full.first, full.last, T("bad_range", lang, value=value, why=T("why_format", lang), shown=shown)
        )
    first, last = int(m.group(1)), int(m.group(2))
    if first > last:
        return Range(
            full.first, full.last, T("bad_range", lang, value=value, why=T("why_order", lang), shown=shown)
        )
    inside = [y for y in have if first <= y <= last]
    if not inside:
        return Range(
            full.first, full.last, T("bad_range", lang, value=value, why=T("why_empty", lang), shown=shown)
        )
    return Range(inside[0], inside[-1])


def play_years(counts: pd.DataFrame | Sequence[int], column: str = "n") -> list[int]:
    """The years a Peta "play" steps through, oldest first: the years with figures.

    ``counts``: a list of years, or a frame with ``tahun`` and a count column (e.g.
    ``map_kabkota_indicators`` rows of one indicator with ``n_wilayah``); years with no
    figure are left out, never shown as an empty frame.
    """
    if isinstance(counts, pd.DataFrame):
        rows = counts[counts[column] > 0] if column in counts else counts
        return available(rows.tahun)
    return available(counts)


def sparse_years(counts: pd.DataFrame, column: str, lang: str = "id", share: float = 0.5) -> list[str]:
    """Notes for years whose coverage is under ``share`` of the best year (e.g. "2022: hanya 3
    wilayah berangka"), so a play through them is not read as a change on the ground."""
    if counts.empty:
        return []
    best = int(counts[column].max())
    thin = counts[counts[column] < best * share].sort_values("tahun")
    return [
        T("few", lang, year=int(y), n=int(n))
        for y, n in zip(thin.tahun.tolist(), thin[column].tolist(), strict=True)
    ]


def year_ticks(years: Sequence[int], max_ticks: int = 4) -> list[int]:
    """Whole-year tick values for a narrow axis (a phone): first and last always, at most
    ``max_ticks``, evenly stepped, never a fraction (the "2 2 2" axis)."""
    have = available(years)
    if len(have) <= max_ticks:
        return have
    first, last = have[0], have[-1]
    step = max(1, -(-(last - first) // (max_ticks - 1)))
    ticks = list(range(first, last, step))
    if last - ticks[-1] < step / 2 and len(ticks) > 1:
        ticks = ticks[:-1]
    return [*ticks, last]
