"""The unit a file states for its figures, read and compared with the indicator's unit.

Where a file states a unit: a header cell or a unit row ("Jumlah Penduduk (ribu jiwa)", "(Jiwa)",
"Luas (km²)", "Kepadatan per km²", "Persen", "PDRB (juta rupiah)"), a unit in the table's title
("..., 2024 (juta rupiah)"), and the WebAPI's ``var.unit``. A statement is compared with the unit
of the indicator the figures go to: notations of the same unit pass (jiwa = orang = Jiwa/Persons,
km2 = km² = sq.km, % = persen = Percent, Rp = rupiah); a different or scaled unit (ribu, juta,
miliar, "(000)"; ha against km²) is refused, and so is a unit text that cannot be read. Figures
are never converted or scaled here: a refusal names the cell, the text and the indicator's unit.

A statement is found by its words, so descriptions are never mistaken for units: a parenthesis
holding a unit word ("(ribu jiwa)", but not "(TPT)", "(SP2010)" or "(per 31 Desember)"), a cell
(or the end of a label) made only of unit words ("Persen", "Luas km2"), and "per km²"/"per ha".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# token -> canonical unit word; STRONG tokens make a text a unit statement, the others only take
# part in reading one ("tahun" alone is a header of years, not a unit)
SAME: dict[str, str] = {
    "jiwa": "jiwa", "orang": "jiwa", "org": "jiwa", "person": "jiwa", "persons": "jiwa",
    "people": "jiwa", "inhabitants": "jiwa", "capita": "kapita", "kapita": "kapita",
    "km2": "km²", "sqkm": "km²", "ha": "ha", "hektar": "ha", "hektare": "ha", "hectare": "ha",
    "hectares": "ha", "hektare2": "ha", "m2": "m²",
    "persen": "persen", "percent": "persen", "percentage": "persen", "pct": "persen", "%": "persen",
    "prosen": "persen",
    "rupiah": "rupiah", "rupiahs": "rupiah", "rp": "rupiah", "idr": "rupiah", "usd": "usd",
    "ribu": "ribu", "rb": "ribu", "thousand": "ribu", "thousands": "ribu", "000": "ribu",
    "ribuan": "ribu", "juta": "juta", "jt": "juta", "million": "juta", "millions": "juta",
    "jutaan": "juta", "miliar": "miliar", "milyar": "miliar", "billion": "miliar", "billions": "miliar",
    "triliun": "triliun", "trilyun": "triliun", "trillion": "triliun",
    "ton": "ton", "tons": "ton", "kg": "kg", "kuintal": "kuintal", "liter": "liter",
    "kk": "kk", "tahun": "tahun", "years": "tahun", "year": "tahun", "thn": "tahun",
    "bulan": "bulan", "month": "bulan", "indeks": "indeks", "index": "indeks",
}  # fmt: skip
WEAK = {"capita", "kapita", "kk", "tahun", "years", "year", "thn", "bulan", "month", "indeks", "index"}
STRONG = frozenset(SAME) - WEAK
# English nouns that end many labels ("Number of Poor People", "Percentage Distribution"): a unit
# only inside a parenthesis or a unit cell, never as the last word of a description
NOUNS = {"people", "persons", "person", "inhabitants", "percentage"}
SCALES = {"ribu", "juta", "miliar", "triliun"}
AREA = ("km2", "sqkm", "ha", "m2")
PAREN = re.compile(r"\(([^()]*)\)")
# spellings folded before a text is split into words
FOLD = (
    (re.compile(r"km\s*\^?\s*2|km²|kilometer\s+persegi|square\s+kilomet(?:er|re)s?|sq\.?\s*km"), " km2 "),
    (re.compile(r"m²|meter\s+persegi"), " m2 "),
    (re.compile(r"\brp\.?(?=\s|\d|/|$)"), " rp "),
    (re.compile(r"\bus\s*\$|\$"), " usd "),
    (re.compile(r"x\s*1[.,]?000[.,]000\b"), " juta "),
    (re.compile(r"x\s*1[.,]?000\b|'000\b"), " ribu "),
    (re.compile(r"%"), " % "),
    (re.compile(r"/"), " / "),
)


@dataclass(frozen=True)
class Stated:
    """A unit as a file states it: the text and where (1-based row and column letter of a cell,
    or ``where`` for a place that is no cell, e.g. the WebAPI's ``var.unit``)."""

    text: str
    row: int | None = None
    column: str | None = None
    where: str | None = None


def _fold(s: str) -> str:
    s = " ".join(s.lower().replace("\xa0", " ").split())
    for pattern, repl in FOLD:
        s = pattern.sub(repl, s)
    return s


def _tokens(s: str) -> list[str]:
    return [t.strip(".,;:") or t for t in _fold(s).split()]


def _known(t: str) -> bool:
    return t in SAME or t in ("/", "per")


@functools.lru_cache(maxsize=1024)
def read(unit: str) -> tuple[str, ...] | None:
    """The canonical parts of a unit ("ribu rupiah/orang/tahun" -> ("ribu rupiah", "jiwa",
    "tahun"); "per km²" -> ("", "km²")), or None when a word of it is not a unit word."""
    tokens = _tokens(unit)
    if not tokens or not all(_known(t) for t in tokens):
        return None
    parts: list[list[str]] = [[]]
    for t in tokens:
        if t in ("/", "per"):
            parts.append([])
        else:
            parts[-1].append(SAME[t])
    # "Rp. 000" = "ribu rupiah": the scale first
    out = [" ".join(sorted(p, key=lambda w: w not in SCALES)) for p in parts]
    if any(not p for p in out[1:]):
        return None
    # bilingual "Jiwa/Persons", "jiwa/km²/people/sq.km": the second half repeats the first
    n = len(out)
    if n % 2 == 0 and out[: n // 2] == out[n // 2 :] and out[0]:
        out = out[: n // 2]
    return tuple(out)


def _plain(s: str) -> str:
    return " ".join(s.lower().replace("²", "2").split())


def same(stated: str, expected: str) -> bool | None:
    """True when ``stated`` is a notation of ``expected``, False when it is another unit, None
    when ``stated`` cannot be read (an unusual indicator unit is matched by its text)."""
    if _plain(stated) == _plain(expected):
        return True
    got, want = read(stated), read(expected)
    if got is None:
        return None
    if want is None:
        return False
    if got == want:
        return True
    # "(ribu)" over figures of an indicator in "ribu jiwa": the scale is the indicator's
    if len(got) == 1 and got[0] in SCALES and want[0].split()[0] == got[0] and " " in want[0]:
        return True
    # "Kepadatan per km²": the count per km² of an indicator in jiwa/km²
    return not got[0] and len(got) == len(want) > 1 and got[1:] == want[1:] and " " not in want[0]


def _trailing(s: str) -> str | None:
    """The unit words ending a label ("Luas Wilayah km2" -> "km2"), if one is strong."""
    tokens = _fold(s).split()
    k = len(tokens)
    while k > 0 and _known(tokens[k - 1].strip(".,;:") or tokens[k - 1]):
        k -= 1
    run = tokens[k:]
    while run and run[0] == "/":
        run = run[1:]
    if k > 0:  # words before the run: English nouns at its start describe, they do not measure
        while run and (run[0].strip(".,;:") or run[0]) in NOUNS:
            run = run[1:]
            while run and run[0] == "/":
                run = run[1:]
    if not run or not any((t.strip(".,;:") or t) in STRONG for t in run):
        return None
    return " ".join(run)


def in_label(label: str) -> list[str]:
    """The unit statements of one header label or title line, as written (folded)."""
    found: list[str] = []
    for inner in PAREN.findall(label):
        tokens = _tokens(inner)
        if any(t in STRONG for t in tokens):
            found.append(inner.strip())  # a unit (possibly unreadable: refused later)
    outer = PAREN.sub(" ", label).strip()
    if outer:
        tail = _trailing(outer)
        if tail is not None:
            found.append(tail)
        else:
            folded = _fold(outer)
            for m in re.finditer(r"\bper\s+(" + "|".join(AREA) + r")\b", folded):
                found.append(m.group(0))
        # "Luas Wilayah km2/Area": the Bahasa half of a bilingual label ends with the unit
        head = outer.split("/")[0]
        if tail is None and head != outer and _trailing(head) is not None:
            found.append(str(_trailing(head)))
    return list(dict.fromkeys(found))


def in_unit_text(unit: str) -> list[str]:
    """The statements of a text that is a unit by its place (the WebAPI's ``var.unit``):
    "Persen (%)" -> "Persen", "%"; "-" or nothing states no unit."""
    found = [inner.strip() for inner in PAREN.findall(unit) if inner.strip()]
    outer = PAREN.sub(" ", unit).strip()
    if outer and outer not in ("-", "–", "—"):
        found.insert(0, outer)
    return found
