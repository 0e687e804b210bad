"""The regulation's computation (PermenPANRB 14/2017) on worked examples, exactly.

The respondent answers and NRR values below are test inputs constructed for these tests (the
regulation gives the formula, not a data set); they are not shipped data and not real results.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dalamangka import skm

# Constructed test input: four respondents, answers to U1..U9 (1-4).
FOUR = [
    [4, 3, 3, 4, 3, 4, 4, 2, 3],
    [3, 3, 2, 4, 3, 3, 4, 3, 3],
    [4, 4, 3, 4, 4, 4, 4, 3, 4],
    [3, 2, 2, 4, 3, 3, 3, 2, 3],
]


def by_unsur(rows: list[list[int]]) -> dict[str, list[int]]:
    return {f"U{i + 1}": [r[i] for r in rows] for i in range(len(rows[0]))}


def test_respondent_level_worked_example() -> None:
    r = skm.result_from_answers(by_unsur(FOUR))
    # sums per unsur 14, 12, 10, 16, 13, 14, 15, 10, 13 over 4 respondents
    assert r.nrr == {
        "U1": Fraction(7, 2), "U2": Fraction(3), "U3": Fraction(5, 2), "U4": Fraction(4),
        "U5": Fraction(13, 4), "U6": Fraction(7, 2), "U7": Fraction(15, 4), "U8": Fraction(5, 2),
        "U9": Fraction(13, 4),
    }  # fmt: skip
    assert set(r.weights.values()) == {Fraction(1, 9)} and sum(r.weights.values()) == 1
    assert r.ikm == Fraction(117, 36) == Fraction(13, 4)  # 3,25
    assert r.ikm_decimal == Decimal("3.2500")
    assert r.converted == Decimal("81.25")
    assert (r.category.mutu, r.category.kinerja("id"), r.category.kinerja("en")) == ("B", "Baik", "Good")


def test_nrr_level_worked_example_with_own_weights_and_extra_unsur() -> None:
    nrr = {f"U{i}": Decimal("3.2") for i in range(1, 10)} | {"U10": Decimal("2.0")}
    weights = {f"U{i}": Decimal("0.1") for i in range(1, 10)} | {"U10": Decimal("0.1")}
    r = skm.result(nrr, weights=weights)
    assert r.ikm == Fraction(308, 100)  # 9 x 0,32 + 0,20
    assert (r.converted, r.category.mutu) == (Decimal("77.00"), "B")
    equal = skm.result(nrr)  # no weights: 1/10 each, the same here
    assert equal.ikm == r.ikm
    nine = {"U1": Decimal(4)} | {f"U{i}": Decimal(3) for i in range(2, 10)}
    own = skm.result(nine, weights={"U1": Decimal("0.2")} | {f"U{i}": Decimal("0.1") for i in range(2, 10)})
    assert (own.ikm, own.converted, own.category.mutu) == (Fraction(16, 5), Decimal("80.00"), "B")
    assert skm.result(nine).converted == Decimal("77.78")  # equal weights: 28/9 x 25 = 77,777...


@pytest.mark.parametrize(
    ("nrr", "converted", "mutu"),
    [
        ("3.532", "88.30", "B"),
        ("3.5324", "88.31", "A"),
        ("3.064", "76.60", "C"),
        ("3.0644", "76.61", "B"),
        ("2.5996", "64.99", "D"),
        ("2.6", "65.00", "C"),
        ("1", "25.00", "D"),
        ("4", "100.00", "A"),
    ],
)
def test_category_boundaries(nrr: str, converted: str, mutu: str) -> None:
    """All nine unsur at the same NRR: IKM = NRR, converted = 25 x NRR, at every table edge."""
    r = skm.result({u: Decimal(nrr) for u in skm.UNSUR_2017})
    assert (r.converted, r.category.mutu) == (Decimal(converted), mutu)
    assert skm.category(Decimal(converted)).mutu == mutu


def test_rounding_half_up_where_floats_misclassify() -> None:
    """NRR 3,5322 everywhere: exactly 88,305, published 88,31 (A). Summing NRR/9 in floats gives
    88,30 (B): the reason the module never uses floats."""
    nrr = {u: Decimal("3.5322") for u in skm.UNSUR_2017}
    assert round(sum([3.5322 / 9] * 9) * 25, 2) == 88.3  # the float trap
    r = skm.result(nrr)
    assert (r.converted, r.category.mutu) == (Decimal("88.31"), "A")
    assert skm.category(Decimal("88.305")).mutu == "A"
    assert skm.category(Decimal("88.3049")).mutu == "B"


def test_one_answer_flips_b_to_a_at_the_boundary() -> None:
    """250 respondents (constructed): total 7947 gives exactly 88,30 (B); one answer one point
    higher gives 88,31 (A)."""
    answers = [4] * 1197 + [3] * 1053  # 2250 answers, sum 7947
    rows = [answers[i * 9 : (i + 1) * 9] for i in range(250)]
    r = skm.result_from_answers(by_unsur(rows))
    assert (r.converted, r.category.mutu) == (Decimal("88.30"), "B")
    flipped = [row[:] for row in rows]
    i = next(i for i, row in enumerate(flipped) if 3 in row)
    flipped[i][flipped[i].index(3)] = 4
    r2 = skm.result_from_answers(by_unsur(flipped))
    assert (r2.converted, r2.category.mutu) == (Decimal("88.31"), "A")


def test_old_rule_14_unsur_separate_table() -> None:
    nrr = {f"U{i}": Decimal("3.26") for i in range(1, 15)}
    r = skm.result(nrr, skm.RULE_2004)
    assert (r.converted, r.category.mutu) == (Decimal("81.50"), "A")  # A from 81,26 under 2004
    assert skm.category(Decimal("81.50"), skm.RULE_2017).mutu == "B"  # never mixed
    with pytest.raises(skm.SkmError, match="U10"):
        skm.result({f"U{i}": Decimal(3) for i in range(1, 10)}, skm.RULE_2004)


def test_refusals() -> None:
    with pytest.raises(skm.SkmError, match="U9"):
        skm.result({f"U{i}": Decimal(3) for i in range(1, 9)})
    with pytest.raises(skm.SkmError, match="1-4"):
        skm.nrr([4, 5])
    with pytest.raises(skm.SkmError, match="tepat 1"):
        skm.result(
            {u: Decimal(3) for u in skm.UNSUR_2017}, weights={u: Decimal("0.11") for u in skm.UNSUR_2017}
        )
    with pytest.raises(skm.SkmError, match="semua unsur"):
        skm.result_from_answers({"U1": [4, 3], "U2": [4]})


def test_krejcie_morgan() -> None:
    assert [skm.minimum_sample(n) for n in (5, 10, 100, 101, 1000, 5000, 10**7)] == [
        5,
        10,
        80,
        86,
        278,
        357,
        384,
    ]
    for n, s in skm.KREJCIE_MORGAN:  # the table agrees with its formula (chi² 3,841, P 0,5, d 0,05)
        assert abs(3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25) - s) < 1


@given(st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=60))
def test_category_matches_published_score(rows: list[list[int]]) -> None:
    """For any answers: IKM is the exact mean, the score is it x 25 rounded half up, and the
    category is the table's row of that published score."""
    r = skm.result_from_answers(by_unsur(rows))
    total = sum(map(sum, rows))
    assert r.ikm == Fraction(total, 9 * len(rows))
    exact = Fraction(total * 25, 9 * len(rows))
    assert abs(Fraction(r.converted) - exact) <= Fraction(1, 200)
    low = {"A": Decimal("88.31"), "B": Decimal("76.61"), "C": Decimal("65.00"), "D": Decimal("25.00")}
    high = {"A": Decimal("100.00"), "B": Decimal("88.30"), "C": Decimal("76.60"), "D": Decimal("64.99")}
    assert low[r.category.mutu] <= r.converted <= high[r.category.mutu]
