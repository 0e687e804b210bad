"""Display names from the upper-case names of the BPS master lists."""

from __future__ import annotations

import re

_UPPER_WORDS = {"DKI", "DI", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII"}
_LOWER_WORDS = {"dan"}


def proper_name(name: str) -> str:
    """``"ILIR BARAT II"`` -> ``"Ilir Barat II"``; ``"DKI JAKARTA"`` -> ``"DKI Jakarta"``."""

    def word(w: str) -> str:
        if w.upper() in _UPPER_WORDS:
            return w.upper()
        if w.lower() in _LOWER_WORDS:
            return w.lower()
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))

    return " ".join(word(w) for w in re.split(r"\s+", name.strip()))


# the BPS tables' own short forms of the kab/kota prefixes, longest first
_PREFIXES = (
    ("Kabupaten Administrasi ", "Kab. Adm. "),
    ("Kota Administrasi ", "Kota Adm. "),
    ("Kabupaten ", "Kab. "),
)
AXIS_CHARS = 28  # a label beside a bar: ~175 px at 13 px type, so a 390 px phone keeps room for bars


def short_name(name: str) -> str:
    """``"Kabupaten Bogor"`` -> ``"Kab. Bogor"``, ``"Kota Administrasi Jakarta Selatan"`` ->
    ``"Kota Adm. Jakarta Selatan"`` (after a rank too: ``"3. Kota Adm. Jakarta Selatan"``); any
    other name as it is (single spaces)."""
    name = " ".join(name.split())
    rank, sep, rest = name.partition(". ")  # a rank first: "3. Kota Administrasi Jakarta Selatan"
    lead, name = (rank + sep, rest) if sep and rank.isdigit() else ("", name)
    for long, short in _PREFIXES:
        if name.startswith(long):
            return lead + short + name[len(long) :]
    return lead + name


def _clip(label: str, limit: int) -> str:
    """At most ``limit`` characters, the last word kept whole (it tells "Bolaang Mongondow
    Selatan" from "... Utara"): ``"Kab. Bolaang Mongon… Selatan"``."""
    if len(label) <= limit:
        return label
    head, _, last = label.rpartition(" ")
    tail = f"… {last}" if head and len(last) + 2 < limit // 2 else "…"
    keep = label[: limit - len(tail)].rstrip() if tail == "…" else head[: limit - len(tail)].rstrip()
    return keep + tail


def axis_labels(names: list[str], kodes: list[str], limit: int = AXIS_CHARS) -> list[str]:
    """One label per region for a category axis (bars): short prefixes, at most ``limit``
    characters. Never two alike: Vega draws one row per distinct label, and a cut label must not
    make "Kota Adm. Jakarta Selatan" and "... Utara" read the same. A label that would collide
    is given whole; two regions of the very same name get their code."""
    full = [short_name(n) for n in names]
    out = [_clip(f, limit) for f in full]
    for clash in _clashes(out):
        for i in clash:
            out[i] = full[i]
    for clash in _clashes(out):
        for i in clash:
            out[i] = f"{full[i]} ({kodes[i]})"
    return out


def _clashes(labels: list[str]) -> list[list[int]]:
    seen: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        seen.setdefault(label, []).append(i)
    return [idx for idx in seen.values() if len(idx) > 1]
