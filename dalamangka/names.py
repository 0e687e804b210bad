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
