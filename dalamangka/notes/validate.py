"""Cleaning and checking what participants type: text, the corrected figure, the rate of sending.

User text is stored as typed except for what can hurt or deceive a reader: control characters
(kept: newline and tab), bidirectional overrides and isolates (a "Trojan source" reorders what is
shown), zero-width and other format characters, and lone surrogates. It is normalised to NFC.
Text over the limit is refused with the count, never cut: nothing is kept in part. The cleaned
text is still *data*: the UI shows it with ``st.text``/dataframes (never markdown or HTML).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field

from dalamangka.notes.model import (
    KINDS,
    MAX_BODY,
    MAX_NAME,
    MAX_SOURCE,
    MAX_UNIT,
    Draft,
    NoteError,
)

_KEEP = {"\n", "\t"}
_KEEP_FORMAT = {"\u200c", "\u200d"}  # ZWNJ/ZWJ: needed by some scripts and emoji sequences
_ID_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_INDICATOR = re.compile(r"[a-z0-9_]{1,60}")
_KODE = re.compile(r"\d{2}|\d{4}|\d{7}|\d{10}")
MIN_YEAR = 1960


def clean_text(value: str) -> str:
    """``value`` without control/format characters (except newline, tab, ZWJ, ZWNJ), in NFC,
    line ends as ``\\n``, at most two blank lines in a row, trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in value:
        cat = unicodedata.category(ch)
        if ch in _KEEP or ch in _KEEP_FORMAT:
            kept.append(ch)
        elif cat in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            if cat in ("Zl", "Zp"):
                kept.append("\n")
            continue
        else:
            kept.append(ch)
    text = unicodedata.normalize("NFC", "".join(kept))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def checked_text(value: str, field_key: str, limit: int, required: bool = True) -> str:
    """The cleaned text, or NoteError naming the field (empty when required, or too long)."""
    text = clean_text(value)
    if required and not text:
        raise NoteError("empty", field=field_key)
    if len(text) > limit:
        raise NoteError("too_long", field=field_key, n=len(text), max=limit)
    return text


def one_line(value: str) -> str:
    """A name or unit on one line (newlines and tabs become spaces)."""
    return re.sub(r"\s+", " ", clean_text(value))


def parse_figure(value: str) -> float | None:
    """A corrected figure typed the Indonesian way: ``2.435.252`` -> 2435252.0, ``78,57`` ->
    78.57, ``1234`` -> 1234.0; empty -> None. Anything else (``78.57``, ``1,234.5``, ``1.23``)
    is ambiguous and refused with the value named."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if not _ID_NUMBER.fullmatch(text):
        raise NoteError("bad_figure", value=value.strip()[:40])
    number = float(text.replace(".", "").replace(",", "."))
    if not math.isfinite(number):
        raise NoteError("bad_figure", value=value.strip()[:40])
    return number


def draft(
    *,
    indicator: str,
    kode: str,
    tahun: int,
    kind: str,
    body: str,
    author: str,
    unit: str = "",
    figure: str = "",
    source: str = "",
    session_id: int | None = None,
    token: str = "",
    indicators: frozenset[str] | None = None,
    regions: frozenset[str] | None = None,
    today: dt.date | None = None,
) -> Draft:
    """A checked :class:`Draft` from the form's raw values, or the first NoteError.

    ``indicators`` and ``regions`` are the codes the warehouse knows (None skips that check)."""
    if not _INDICATOR.fullmatch(indicator) or (indicators is not None and indicator not in indicators):
        raise NoteError("bad_indicator", value=indicator[:60])
    if not _KODE.fullmatch(kode) or (regions is not None and kode not in regions):
        raise NoteError("bad_region", value=kode[:12])
    high = (today or dt.date.today()).year + 1
    if not MIN_YEAR <= int(tahun) <= high:
        raise NoteError("bad_year", value=tahun, low=MIN_YEAR, high=high)
    if kind not in KINDS:
        raise NoteError("bad_kind", value=kind[:40])
    body_text = checked_text(body, "f_body", MAX_BODY)
    author_text = checked_text(one_line(author), "f_name", MAX_NAME)
    unit_text = checked_text(one_line(unit), "f_unit", MAX_UNIT, required=False)
    value = parse_figure(figure)
    source_text = checked_text(source, "f_source", MAX_SOURCE, required=False)
    if value is not None and not source_text:
        raise NoteError("source_needed")
    if value is None and source_text:
        raise NoteError("source_without_figure")
    return Draft(
        indicator=indicator,
        kode=kode,
        tahun=int(tahun),
        kind=kind,
        body=body_text,
        author=author_text,
        unit=unit_text,
        corrected_value=value,
        corrected_source=source_text,
        session_id=session_id,
        token=token[:64],
    )


@dataclass
class RateLimit:
    """At most ``limit`` notes per ``window`` seconds from one browser session (kept in its
    session state). :meth:`check` raises NoteError("rate") before a write; :meth:`record` after."""

    limit: int = 5
    window: float = 60.0
    sent: deque[float] = field(default_factory=deque)

    def wait(self, now: float) -> float:
        while self.sent and now - self.sent[0] >= self.window:
            self.sent.popleft()
        if len(self.sent) < self.limit:
            return 0.0
        return self.window - (now - self.sent[0])

    def check(self, now: float) -> None:
        wait = self.wait(now)
        if wait > 0:
            raise NoteError("rate", seconds=math.ceil(wait))

    def record(self, now: float) -> None:
        self.sent.append(now)
