"""Headline cards for leaders: latest figure, change, ranks and one plain sentence per indicator.

Pure functions from query results to :class:`Card` values, so they are tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dalamangka import fmt
from dalamangka.i18n import COMMON, Text

TEXT = Text(
    {
        "rank_level": (
            "Peringkat {rank} dari {n} {level}",
            "Ranked {rank} of {n} {level}",
        ),
        "rank_level_partial": (
            "Peringkat {rank} dari {n} {level} yang punya data {year}",
            "Ranked {rank} of the {n} {level} with {year} data",
        ),
        "rank_prov": ("{rank} dari {n} kab/kota di provinsinya", "{rank} of {n} in its province"),
        "order_best_high": ("1 = tertinggi", "1 = highest"),
        "order_best_low": ("1 = terendah", "1 = lowest"),
        "order_size": ("1 = terbesar", "1 = largest"),
        "no_previous": ("belum ada angka tahun sebelumnya di seri ini", "no earlier figure in this series"),
        "since": ("sejak {year}", "since {year}"),
        "up": ("naik", "up"),
        "down": ("turun", "down"),
        "flat": ("tetap", "unchanged"),
        "sentence": ("{name} {region} {year} {value}", "{name} of {region} in {year}: {value}"),
        "sentence_change": ("{direction} {amount} dari {prev_year}", "{direction} {amount} from {prev_year}"),
        "sentence_rank": (
            "peringkat {rank} dari {n} {level}",
            "ranked {rank} of {n} {level}",
        ),
        "sentence_rank_partial": (
            "peringkat {rank} dari {n} {level} yang punya data {year}",
            "ranked {rank} of the {n} {level} with {year} data",
        ),
        "derived": ("dihitung dasbor", "computed by the dashboard"),
    }
)


@dataclass(frozen=True)
class Card:
    """Everything one headline card shows, already formatted for the chosen language."""

    indicator: str
    title: str
    label: str
    value: str
    year: int
    delta: str | None
    delta_color: str
    since: str
    rank: str | None
    rank_order: str
    sentence: str
    source: str
    status: str | None
    definition: str
    trend_years: list[int] = field(default_factory=list)
    trend_values: list[float] = field(default_factory=list)


def _text(row: Any, col_id: str, lang: str) -> str:
    return str(row[col_id.replace("_id", "_en")] if lang == "en" else row[col_id])


def _delta_color(higher_is_better: Any) -> str:
    if higher_is_better is True:
        return "normal"
    if higher_is_better is False:
        return "inverse"
    return "off"


def _rank_order(higher_is_better: Any, lang: str) -> str:
    if higher_is_better is True:
        return TEXT("order_best_high", lang)
    if higher_is_better is False:
        return TEXT("order_best_low", lang)
    return TEXT("order_size", lang)


def _na(x: Any) -> bool:
    return x is None or bool(pd.isna(x))


def pick_slots(available: Sequence[str], slots: Sequence[Sequence[str]]) -> tuple[list[str], list[str]]:
    """The first available indicator of each slot, and the slots with none (their first code)."""
    have = set(available)
    chosen, missing = [], []
    for slot in slots:
        hit = next((code for code in slot if code in have), None)
        if hit is None:
            missing.append(slot[0])
        else:
            chosen.append(hit)
    return chosen, missing


def build_cards(
    figures: pd.DataFrame,
    series: pd.DataFrame,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    region_name: str,
    region_level: str,
    order: Sequence[str],
    lang: str = "id",
) -> list[Card]:
    """One card per indicator in ``order`` that ``figures`` (headline_figures rows) holds."""
    meta = {str(r["code"]): r for r in indicators.to_dict("records")}
    cite_col = "cite_en" if lang == "en" else "cite_id"
    cite = {str(r["source_id"]): str(r[cite_col]) for r in sources.to_dict("records")}
    level_word = COMMON("level_" + region_level, lang) if region_level in ("kota", "kabupaten") else ""
    by_code = {str(r["indicator"]): r for r in figures.to_dict("records")}
    cards = []
    for code in order:
        if code not in by_code:
            continue
        f = by_code[code]
        m = meta[code]
        hib = None if _na(m["higher_is_better"]) else bool(m["higher_is_better"])
        unit = str(m["unit_en"] if lang == "en" else m["unit_id"])
        dec = int(m["decimals"])
        year = int(f["tahun"])
        value_text = fmt.value(float(f["nilai"]), unit, dec, lang)
        short = _text(m, "short_id", lang)
        unit_text = fmt.unit_label(unit, lang)
        # long units ("ribu rupiah") go into the label so the big number stays readable
        label = f"{short} ({unit_text}) · {year}" if len(unit_text) > 8 else f"{short} · {year}"
        big = fmt.number(float(f["nilai"]), dec, lang) if len(unit_text) > 8 else value_text
        prev = None if _na(f["nilai_sebelumnya"]) else float(f["nilai_sebelumnya"])
        delta = fmt.change(float(f["nilai"]), prev, unit, dec, lang)
        prev_year = None if _na(f["tahun_sebelumnya"]) else int(f["tahun_sebelumnya"])
        since = TEXT("since", lang, year=prev_year) if prev_year else TEXT("no_previous", lang)
        rank = None
        if not _na(f["rank_level"]):
            r, n = int(f["rank_level"]), int(f["n_level"])
            key = "rank_level" if n == int(f["n_level_total"]) else "rank_level_partial"
            rank = TEXT(key, lang, rank=fmt.ordinal(r, lang), n=n, level=level_word, year=year)
            if not _na(f["rank_provinsi"]) and int(f["n_provinsi"]) > 1:
                rank += "; " + TEXT(
                    "rank_prov", lang, rank=fmt.ordinal(int(f["rank_provinsi"]), lang), n=int(f["n_provinsi"])
                )
        sentence = TEXT("sentence", lang, name=short, region=region_name, year=year, value=value_text)
        if delta is not None and prev is not None:
            diff = float(f["nilai"]) - prev
            direction = TEXT("up" if diff > 0 else "down" if diff < 0 else "flat", lang)
            amount = delta.lstrip("+-")
            sentence += ", " + TEXT(
                "sentence_change", lang, direction=direction, amount=amount, prev_year=prev_year
            )
        if rank is not None:
            partial = int(f["n_level"]) != int(f["n_level_total"])
            sentence += "; " + TEXT(
                "sentence_rank_partial" if partial else "sentence_rank",
                lang,
                rank=fmt.ordinal(int(f["rank_level"]), lang),
                n=int(f["n_level"]),
                level=level_word,
                year=year,
            )
        sentence += "."
        status = str(f["status"])
        status_text = (
            COMMON("status_" + status, lang)
            if status in ("sementara", "sangat_sementara", "revisi")
            else None
        )
        source_ids = str(f["source_id"]).split("+")
        source = "; ".join(cite.get(s, s) for s in source_ids)
        if bool(f["derived"]):
            source += f" ({TEXT('derived', lang)})"
        trend = series[series.indicator == code].sort_values("tahun")
        cards.append(
            Card(
                indicator=code,
                title=_text(m, "name_id", lang),
                label=label,
                value=big,
                year=year,
                delta=delta,
                delta_color=_delta_color(hib),
                since=since,
                rank=rank,
                rank_order=_rank_order(hib, lang),
                sentence=sentence,
                source=source,
                status=status_text,
                definition=_text(m, "definition_id", lang),
                trend_years=[int(y) for y in trend.tahun],
                trend_values=[float(v) for v in trend.nilai],
            )
        )
    return cards
