"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): NRR, IKM, the converted score and its
mutu/kinerja category, and the Krejcie–Morgan minimum sample. Pure functions, no Streamlit.

Exactness: an answer is an integer 1-4 and a weight is a decimal fraction (or 1/n), so every
step is done in :class:`fractions.Fraction` (no float, no intermediate rounding). Only the
converted score is rounded, once, to the two decimals in which units publish it (half up), and
the category is read from *that* published number, so a printed 88,30 is always B and 88,31
always A. The regulation's table leaves gaps (64,99 | 65,00, 76,60 | 76,61, 88,30 | 88,31);
after rounding to two decimals no score falls in a gap.

Two rules are kept apart, never spliced: ``permenpanrb_14_2017`` (9 unsur, table of
PermenPANRB 14/2017) and ``kepmenpan_25_2004`` (14 unsur, KEP/25/M.PAN/2/2004, results before
2017). A third value, ``tidak_diketahui``, marks a reported figure whose method is not stated.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from dalamangka.i18n import Text

RULE_2017 = "permenpanrb_14_2017"
RULE_2004 = "kepmenpan_25_2004"
RULE_UNKNOWN = "tidak_diketahui"
RULES = (RULE_2017, RULE_2004, RULE_UNKNOWN)
REQUIRED_UNSUR = {RULE_2017: 9, RULE_2004: 14}
TWO_PLACES = Decimal("0.01")

TEXT = Text(
    {
        "U1": ("Persyaratan", "Requirements"),
        "U2": ("Sistem, mekanisme, dan prosedur", "System, mechanism and procedure"),
        "U3": ("Waktu penyelesaian", "Completion time"),
        "U4": ("Biaya/tarif", "Cost/tariff"),
        "U5": ("Produk spesifikasi jenis pelayanan", "Service product specification"),
        "U6": ("Kompetensi pelaksana", "Staff competence"),
        "U7": ("Perilaku pelaksana", "Staff conduct"),
        "U8": ("Penanganan pengaduan, saran dan masukan", "Handling of complaints and suggestions"),
        "U9": ("Sarana dan prasarana", "Facilities"),
        "D": ("Tidak baik", "Poor"),
        "C": ("Kurang baik", "Fair"),
        "B": ("Baik", "Good"),
        "A": ("Sangat baik", "Very good"),
        "rule_permenpanrb_14_2017": ("PermenPANRB 14/2017 (9 unsur)", "PermenPANRB 14/2017 (9 elements)"),
        "rule_kepmenpan_25_2004": (
            "KEP/25/M.PAN/2/2004 (14 unsur, seri lama)",
            "KEP/25/M.PAN/2/2004 (14 elements, old series)",
        ),
        "rule_tidak_diketahui": ("metode tidak dinyatakan sumber", "method not stated by the source"),
    }
)
UNSUR_2017: tuple[str, ...] = tuple(f"U{i}" for i in range(1, 10))

# Converted-score table: (lowest published score of the category, mutu). PermenPANRB 14/2017:
# A 88,31-100; B 76,61-88,30; C 65,00-76,60; D 25,00-64,99.
TABLE_2017: tuple[tuple[Decimal, str], ...] = (
    (Decimal("88.31"), "A"),
    (Decimal("76.61"), "B"),
    (Decimal("65.00"), "C"),
    (Decimal("25.00"), "D"),
)
# KEP/25/M.PAN/2/2004: A 81,26-100; B 62,51-81,25; C 43,76-62,50; D 25,00-43,75.
TABLE_2004: tuple[tuple[Decimal, str], ...] = (
    (Decimal("81.26"), "A"),
    (Decimal("62.51"), "B"),
    (Decimal("43.76"), "C"),
    (Decimal("25.00"), "D"),
)
TABLES = {RULE_2017: TABLE_2017, RULE_2004: TABLE_2004}

# Krejcie & Morgan (1970), the sample table PermenPANRB 14/2017 refers to: population N -> S.
KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)  # fmt: skip
_KM_N = [n for n, _ in KREJCIE_MORGAN]


class SkmError(ValueError):
    """Inputs that the regulation's computation cannot take (the message says why)."""


@dataclass(frozen=True)
class Category:
    mutu: str  # A, B, C, D

    def kinerja(self, lang: str = "id") -> str:
        return TEXT(self.mutu, lang)


@dataclass(frozen=True)
class Result:
    """One survey's result: NRR per unsur, the weights, IKM (1-4, exact), the converted score
    (two decimals, as published) and the category."""

    rule: str
    nrr: dict[str, Fraction]
    weights: dict[str, Fraction]
    ikm: Fraction
    converted: Decimal
    category: Category

    @property
    def ikm_decimal(self) -> Decimal:
        """IKM (1-4) to four decimals, as the regulation's table writes it."""
        return to_decimal(self.ikm, 4)


def to_decimal(value: Fraction, places: int = 2) -> Decimal:
    """A fraction rounded half up to ``places`` decimals, exactly (no float on the way)."""
    scaled = value * 10**places
    floor = math.floor(scaled)
    rounded = floor + 1 if scaled - floor >= Fraction(1, 2) else floor
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def category(converted: Decimal, rule: str = RULE_2017) -> Category:
    """The mutu of a published converted score (two decimals), per the rule's table.

    The score is first rounded to two decimals (half up), as it is published."""
    if rule not in TABLES:
        raise SkmError(f"aturan {rule!r} tidak punya tabel kategori")
    score = converted.quantize(TWO_PLACES, ROUND_HALF_UP)
    if score < Decimal("25.00") or score > Decimal("100.00"):
        raise SkmError(f"nilai konversi {score} di luar 25,00-100,00")
    for low, mutu in TABLES[rule]:
        if score >= low:
            return Category(mutu)
    raise AssertionError("unreachable: the table starts at 25,00")


def nrr(scores: Sequence[int]) -> Fraction:
    """NRR of one unsur: sum of the answers / number of respondents (answers 1-4)."""
    if not scores:
        raise SkmError("tidak ada jawaban")
    bad = [s for s in scores if isinstance(s, bool) or not isinstance(s, int) or not 1 <= s <= 4]
    if bad:
        raise SkmError(f"jawaban harus 1-4, bukan {bad[0]!r}")
    return Fraction(sum(scores), len(scores))


def weights_for(
    unsur: Sequence[str], given: Mapping[str, Fraction | Decimal] | None = None
) -> dict[str, Fraction]:
    """Equal weights 1/n, or the unit's own weights (all unsur, each > 0, summing to exactly 1)."""
    if not unsur:
        raise SkmError("tidak ada unsur")
    if not given:
        return {u: Fraction(1, len(unsur)) for u in unsur}
    missing = [u for u in unsur if u not in given]
    extra = [u for u in given if u not in unsur]
    if missing or extra:
        raise SkmError(f"bobot tidak cocok dengan unsur (kurang {missing}, lebih {extra})")
    out = {u: Fraction(given[u]) for u in unsur}
    if any(w <= 0 for w in out.values()):
        raise SkmError("setiap bobot harus lebih dari 0")
    total = sum(out.values(), Fraction(0))
    if total != 1:
        raise SkmError(f"jumlah bobot {to_decimal(total, 6)}, harus tepat 1")
    return out


def result(
    nrr_by_unsur: Mapping[str, Fraction | Decimal],
    rule: str = RULE_2017,
    weights: Mapping[str, Fraction | Decimal] | None = None,
) -> Result:
    """IKM = sum(NRR x weight); converted = IKM x 25, published to two decimals; category."""
    if rule not in REQUIRED_UNSUR:
        raise SkmError(f"aturan {rule!r} tidak dikenal")
    unsur = list(nrr_by_unsur)
    base = [f"U{i}" for i in range(1, REQUIRED_UNSUR[rule] + 1)]
    absent = [u for u in base if u not in nrr_by_unsur]
    if absent:
        raise SkmError(f"unsur wajib tidak ada: {', '.join(absent)}")
    values = {u: Fraction(v) for u, v in nrr_by_unsur.items()}
    if any(not 1 <= v <= 4 for v in values.values()):
        raise SkmError("NRR harus 1-4")
    w = weights_for(unsur, weights)
    ikm = sum((values[u] * w[u] for u in unsur), Fraction(0))
    converted = to_decimal(ikm * 25, 2)
    return Result(rule, values, w, ikm, converted, category(converted, rule))


def result_from_answers(
    answers: Mapping[str, Sequence[int]],
    rule: str = RULE_2017,
    weights: Mapping[str, Fraction | Decimal] | None = None,
) -> Result:
    """The result of respondent-level answers: ``{unsur: [answer of each respondent]}``."""
    counts = {len(v) for v in answers.values()}
    if len(counts) > 1:
        raise SkmError("setiap responden harus menjawab semua unsur")
    return result({u: nrr(v) for u, v in answers.items()}, rule, weights)


def minimum_sample(population: int) -> int:
    """Krejcie–Morgan minimum number of respondents for a population of service users.

    A population between two rows of the table takes the next larger row (never a smaller
    sample than the table asks); below 10 every user is asked."""
    if population <= 0:
        raise SkmError("populasi harus lebih dari 0")
    if population < _KM_N[0]:
        return population
    i = bisect.bisect_left(_KM_N, population)
    return KREJCIE_MORGAN[min(i, len(KREJCIE_MORGAN) - 1)][1]


def unsur_name(code: str, lang: str = "id", given: str | None = None) -> str:
    """The name of an unsur: the regulation's for U1-U9, else the name the unit gave."""
    if given:
        return given
    return TEXT(code, lang) if code in UNSUR_2017 else code


def rule_label(rule: str, lang: str = "id") -> str:
    return TEXT(f"rule_{rule}", lang)
