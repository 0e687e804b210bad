"""Headline cards for leaders: current, comparable, in order of policy priority (issue 16).

Pure functions from query results to :class:`Card` values, so they are tested without Streamlit.

- **Current first.** A slot of :data:`dalamangka.config.HEADLINE_SLOTS` lists the series of one
  concept; the card shows the series with the newest figure for the region and names it. Series
  are never spliced: the trend, the change and the five-year sentence use that series only.
- **Comparable ranks.** Each group (the kota, or kabupaten, of the country; the kab/kota of the
  province) is ranked on the latest year, and the series, in which at least
  :data:`dalamangka.config.RANK_MIN_SHARE` of the group has the figure (:func:`comparable`). A
  newer figure that only a few regions have is shown, labelled, never as the rank.
- **Words.** Rank, position and pace come from templates (:data:`TEXT`), never free text; an
  indicator without a "better" direction is ranked by size ("terbesar ke-3") without praise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dalamangka import config, fmt
from dalamangka.i18n import COMMON, Text

TEXT = Text(
    {
        "order_best_high": ("1 = tertinggi", "1 = highest"),
        "order_best_low": ("1 = terendah", "1 = lowest"),
        "order_size": ("1 = terbesar", "1 = largest"),
        "no_previous": ("belum ada angka tahun sebelumnya di seri ini", "no earlier figure in this series"),
        "since": ("sejak {year}", "since {year}"),
        "derived": ("dihitung dasbor", "computed by the dashboard"),
        # after the card's own sources: those of the other regions' figures it is ranked against
        "rank_sources": ("Peringkat: {cites}", "Ranks: {cites}"),
    }
)


@dataclass(frozen=True)
class Link:
    """A link from a card to another view: the page file, its label and URL parameters."""

    page: str
    label: str
    params: Mapping[str, str]


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
    # issue 16: the card as the Ringkasan page draws it
    name: str = ""  # short name of the series shown (no year; the badge carries the year)
    series: str | None = None  # full name of that series where its concept has several
    badge: str = ""  # "2025 · terkini": the year and its age against the release cycle
    badge_color: str = "gray"  # green (current), orange (one release behind), red (older)
    badge_help: str = ""
    rank_province: str | None = None
    rank_note: str | None = None  # which series/year the rank uses when not the card's figure
    large: bool = False  # one of the top four of the policy order
    links: tuple[Link, ...] = ()
    rank_indicator: str | None = None  # the series the country-wide rank uses
    rank_year: int | None = None
    rank_n: int | None = None  # regions compared
    rank_n_total: int | None = None  # regions of the group
    rank_value: int | None = None
    message: str = ""  # one self-contained sentence for a slide: name, region, year, value, sentence
    cites: tuple[str, ...] = ()  # its own series' sources, newest first (``source`` joins them)
    rank_cites: tuple[str, ...] = ()  # other sources of the figures its ranks compare with


def source_line(cards: Sequence[Card], lang: str) -> str:
    """One source line for ``cards`` (a page's, a slide's): each source once, the cards' own
    first (in card order), then, after "· Peringkat:", the other sources of the figures their
    ranks compare with."""
    own = [c for card in cards for c in card.cites]
    return _line(own, [c for card in cards for c in card.rank_cites], lang)


def _line(own_cites: Sequence[str], rank_cites: Sequence[str], lang: str) -> str:
    own = dict.fromkeys(own_cites)
    others = dict.fromkeys(c for c in rank_cites if c not in own)
    line = "; ".join(own)
    if others:
        line += " · " + TEXT("rank_sources", lang, cites="; ".join(others))
    return line


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


# ---------------------------------------------------------------------------------------------
# Issue 16: current, comparable, ordered cards.

WORDS = Text(
    {
        "rank": (
            "Peringkat {rank} dari {n} {level} ({year})",
            "Ranked {rank} of {n} {level} ({year})",
        ),
        "rank_some": (
            "Peringkat {rank} dari {n} {level} yang punya angka {year} ({share} % dari {total})",
            "Ranked {rank} of the {n} {level} with {year} figures ({share}% of {total})",
        ),
        "better_than": ("lebih baik dari {pct} %", "better than {pct}%"),
        "size": ("Terbesar {rank} dari {n} {level} ({year})", "{rank} largest of {n} {level} ({year})"),
        "size_some": (
            "Terbesar {rank} dari {n} {level} yang punya angka {year} ({share} % dari {total})",
            "{rank} largest of the {n} {level} with {year} figures ({share}% of {total})",
        ),
        "prov": ("Di {prov}: {rank} dari {n} kab/kota ({year})", "In {prov}: {rank} of {n} ({year})"),
        "prov_size": (
            "Di {prov}: terbesar {rank} dari {n} kab/kota ({year})",
            "In {prov}: {rank} largest of {n} ({year})",
        ),
        "basis_series": (
            "Peringkat memakai seri yang dimiliki daerah lain: {series}, {year} = {value}.",
            "Ranks use the series other regions share: {series}, {year} = {value}.",
        ),
        "basis_year": (
            "Peringkat memakai angka {year} ({value}): "
            "angka {newest} baru ada untuk {n} dari {total} {level}.",
            "Ranks use {year} ({value}): {newest} figures exist for only {n} of {total} {level}.",
        ),
        "no_rank": (
            "Belum diperingkat: angka {year} baru ada untuk {n} dari {total} {level} "
            "(perlu paling sedikit {need} %).",
            "Not ranked: {year} figures exist for only {n} of {total} {level} (at least {need}% needed).",
        ),
        "up": ("Naik {amount} sejak {year}", "Up {amount} since {year}"),
        "down": ("Turun {amount} sejak {year}", "Down {amount} since {year}"),
        "flat": ("Tetap sejak {year}", "Unchanged since {year}"),
        "faster": (
            "lebih cepat dari rata-rata {level} ({mean})",
            "faster than the average for {level} ({mean})",
        ),
        "slower": (
            "lebih lambat dari rata-rata {level} ({mean})",
            "slower than the average for {level} ({mean})",
        ),
        "against": ("sedangkan rata-rata {level} {mean}", "while the average for {level} moved {mean}"),
        "same_pace": ("sama dengan rata-rata {level}", "the same as the average for {level}"),
        "pace_basis": (
            "{y0}–{y1}, dasar peringkat: {change}, {pace}.",
            "{y0}–{y1}, the ranked figures: {change}, {pace}.",
        ),
        "basis_series_short": ("seri pembanding", "compared series"),
        "above": ("di atas", "above"),
        "below": ("di bawah", "below"),
        "equal": ("sama dengan", "equal to"),
        "prov_own": ("angka Provinsi {prov} ({value})", "the {prov} province figure ({value})"),
        "prov_mean": (
            "rata-rata {n} kab/kota di {prov} ({value})",
            "the average of {n} regencies/cities in {prov} ({value})",
        ),
        "level_mean": ("rata-rata {n} {level} ({value})", "the average of {n} {level} ({value})"),
        "position": ("Pada {year}, {parts}.", "In {year}, {parts}."),
        "and": ("dan", "and"),
        "current": ("terkini", "current"),
        "behind": ("tertinggal {k} rilis", "{k} release(s) behind"),
        "age_help": (
            "Angka tahun {year}. Indikator ini terbit tiap {every} tahun, sekitar {lag} tahun setelah "
            "tahun datanya; per {today} angka terbaru yang semestinya sudah terbit adalah {expected}. "
            "Hijau: terkini; oranye: tertinggal satu rilis; merah: tertinggal dua rilis atau lebih.",
            "Figure for {year}. This indicator is released every {every} year(s), about {lag} year(s) "
            "after its reference year; as of {today} the newest figure due is {expected}. "
            "Green: current; orange: one release behind; red: two or more behind.",
        ),
        "message": (
            "{name} {region} {year}: {value}. {sentence}",
            "{name} of {region} in {year}: {value}. {sentence}",
        ),
        "link_tren": ("Tren", "Trend"),
        "link_bandingkan": ("Bandingkan", "Compare"),
    }
)


@dataclass(frozen=True)
class Region:
    """The region the cards are for: BPS code, name, level (kota/kabupaten) and province name."""

    kode: str
    nama: str
    level: str
    provinsi: str


@dataclass(frozen=True)
class Standing:
    """The region's comparable rank within one group, on one series and year."""

    group: str  # "level" (the country's kota, or kabupaten) or "provinsi" (the province's kab/kota)
    indicator: str
    year: int
    value: float
    rank: int
    n: int  # regions of the group with the figure
    n_total: int  # regions of the group
    worse: int  # regions strictly worse (or smaller)
    mean: float  # plain mean of the n values
    change5: float | None  # the region's change over exactly five years, same series
    mean_change5: float | None  # the group's mean of it
    n_change5: int
    province_value: float | None  # the province's own figure, same series and year
    sources: tuple[str, ...] = ()  # source ids of the group's figures that year (and the province's)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts of Python values (DataFrame.to_dict("records") is ten times slower)."""
    cols = [str(c) for c in frame.columns]
    return [dict(zip(cols, row, strict=True)) for row in zip(*(frame[c].tolist() for c in cols), strict=True)]


def _ids(x: Any) -> tuple[str, ...]:
    """Source ids joined by '+' (``S01+S09``) as a tuple; none for a missing value."""
    return () if _na(x) else tuple(p for p in str(x).split("+") if p)


def _num(x: Any) -> float | None:
    return None if _na(x) else float(x)


def comparable(
    rows: Sequence[Mapping[str, Any]], codes: Sequence[str], group: str, min_share: float
) -> Standing | None:
    """The rank to show for one group: among the series ``codes`` (in preference order), the latest
    year in which at least ``min_share`` of the group (and more than one region) has the figure.

    ``rows`` are headline_ranks rows of one region. Ties between series go to the earlier code."""
    best: Standing | None = None
    for code in codes:
        for r in rows:
            if r["indicator"] != code or _na(r[f"rank_{group}"]):
                continue
            n, total = int(r[f"n_{group}"]), int(r[f"n_{group}_total"])
            if n < 2 or n < min_share * total:
                continue
            year = int(r["tahun"])
            if best is not None and year <= best.year:
                continue
            best = Standing(
                group=group,
                indicator=code,
                year=year,
                value=float(r["nilai"]),
                rank=int(r[f"rank_{group}"]),
                n=n,
                n_total=total,
                worse=int(r[f"worse_{group}"]),
                mean=float(r[f"mean_{group}"]),
                change5=_num(r["ubah5"]),
                mean_change5=_num(r[f"mean_ubah5_{group}"]),
                n_change5=int(r[f"n_ubah5_{group}"]),
                province_value=_num(r["nilai_provinsi"]),
                sources=_ids(r.get(f"sources_{group}")),
            )
    return best


def pick_current(series: Mapping[str, Sequence[tuple[int, float]]], codes: Sequence[str]) -> str | None:
    """The series of a slot to show: the one with the newest figure; ties go to the earlier code."""
    best, best_year = None, -1
    for code in codes:
        points = series.get(code)
        if points and points[-1][0] > best_year:
            best, best_year = code, points[-1][0]
    return best


def better_than(worse: int, n: int) -> int:
    """Whole percent of the group strictly worse than the region ("lebih baik dari 75 %")."""
    return (100 * worse) // n if n else 0


def age(year: int, every: int | None, lag: int | None, today: dt.date) -> tuple[int, int]:
    """How many releases behind a figure is, and the newest reference year due by ``today``.

    A release of year Y appears about ``lag`` years after Y, every ``every`` years."""
    cycle = max(int(every or 1), 1)
    expected = today.year - int(1 if lag is None else lag)
    return max(expected - year, 0) // cycle, expected


def _badge(year: int, m: Mapping[str, Any], today: dt.date, lang: str) -> tuple[str, str, str]:
    every_raw = m.get("update_years")
    every = None if every_raw is None or _na(every_raw) else int(every_raw)
    lag_raw = m.get("release_lag_years")
    lag = None if lag_raw is None or _na(lag_raw) else int(lag_raw)
    behind, expected = age(year, every, lag, today)
    word = WORDS("current", lang) if behind == 0 else WORDS("behind", lang, k=behind)
    color = "green" if behind == 0 else "orange" if behind == 1 else "red"
    help_text = WORDS(
        "age_help", lang, year=year, every=every or 1, lag=1 if lag is None else lag,
        today=fmt.date(today, lang), expected=expected,
    )  # fmt: skip
    return f"{year} · {word}", color, help_text


def _signed(x: float, unit: str, dec: int, lang: str) -> str:
    word = "poin" if lang == "id" else "points"
    return (
        f"{'+' if x >= 0 else '-'}{fmt.number(abs(x), dec, lang)} {word}" if unit in fmt.POINT_UNITS else ""
    )


def _pace(change5: float, mean5: float, unit: str, dec: int, level: str, lang: str) -> str:
    mean = _signed(mean5, unit, dec, lang)
    if fmt.rounded(change5, dec) == fmt.rounded(mean5, dec):
        return WORDS("same_pace", lang, level=level)
    if change5 * mean5 > 0:
        key = "faster" if abs(change5) > abs(mean5) else "slower"
        return WORDS(key, lang, level=level, mean=mean)
    return WORDS("against", lang, level=level, mean=mean)


def _trend(points: Sequence[tuple[int, float]], unit: str, dec: int, lang: str) -> tuple[str, int] | None:
    """ "Naik 2,34 poin sejak 2016": the change over five years (or since the series' first year if
    it is younger), in the shown series only."""
    year, last = points[-1]
    earlier = [(y, v) for y, v in points if year - 5 <= y < year]
    if not earlier:
        return None
    y0, v0 = earlier[0]
    amount = fmt.change(last, v0, unit, dec, lang)
    if amount is None:
        return None
    if fmt.rounded(last - v0, dec) == 0:
        return WORDS("flat", lang, year=y0), y0
    return WORDS("up" if last > v0 else "down", lang, amount=amount.lstrip("+-"), year=y0), y0


def _compare_word(a: float, b: float, dec: int, lang: str) -> str:
    if fmt.rounded(a, dec) == fmt.rounded(b, dec):
        return WORDS("equal", lang)
    return WORDS("above" if a > b else "below", lang)


def _rank_text(s: Standing, hib: bool | None, level: str, lang: str) -> str:
    share = (100 * s.n) // s.n_total
    fields = dict(
        rank=fmt.ordinal(s.rank, lang), n=s.n, level=level, year=s.year, share=share, total=s.n_total
    )
    if hib is None:
        return WORDS("size" if s.n == s.n_total else "size_some", lang, **fields)
    text = WORDS("rank" if s.n == s.n_total else "rank_some", lang, **fields)
    return f"{text} · {WORDS('better_than', lang, pct=better_than(s.worse, s.n))}"


def _province_text(s: Standing, hib: bool | None, province: str, lang: str) -> str:
    key = "prov_size" if hib is None else "prov"
    return WORDS(key, lang, rank=fmt.ordinal(s.rank, lang), n=s.n, prov=province, year=s.year)


def _position(
    lvl: Standing | None, prov: Standing | None, dec: int, unit: str, region: Region, level: str, lang: str
) -> str | None:
    """ "Pada 2021, di atas angka Provinsi Sumatera Utara (72,00) dan di atas rata-rata 98 kota
    (78,05).": the province's own published figure where the warehouse has it, else the plain mean
    of its kab/kota (said so); and the plain mean of the country's kota. One year, one series."""
    base = lvl or prov
    if base is None:
        return None
    parts = []
    v = base.value
    if base.province_value is not None:
        ref = WORDS(
            "prov_own", lang, prov=region.provinsi, value=fmt.value(base.province_value, unit, dec, lang)
        )
        parts.append(f"{_compare_word(v, base.province_value, dec, lang)} {ref}")
    elif prov is not None and prov.indicator == base.indicator and prov.year == base.year:
        ref = WORDS(
            "prov_mean", lang, n=prov.n, prov=region.provinsi, value=fmt.value(prov.mean, unit, dec, lang)
        )
        parts.append(f"{_compare_word(v, prov.mean, dec, lang)} {ref}")
    if lvl is not None:
        ref = WORDS("level_mean", lang, n=lvl.n, level=level, value=fmt.value(lvl.mean, unit, dec, lang))
        parts.append(f"{_compare_word(v, lvl.mean, dec, lang)} {ref}")
    if not parts:
        return None
    return WORDS("position", lang, year=base.year, parts=f" {WORDS('and', lang)} ".join(parts))


def _level_word(level: str, lang: str) -> str:
    return COMMON("level_" + level, lang) if level in ("kota", "kabupaten") else level


def cards(
    series: pd.DataFrame,
    ranks: pd.DataFrame,
    catalog: pd.DataFrame,
    sources: pd.DataFrame,
    region: Region,
    lang: str = "id",
    today: dt.date | None = None,
    slots: Sequence[Sequence[str]] = config.HEADLINE_SLOTS,
    min_share: float = config.RANK_MIN_SHARE,
    large: int = config.HEADLINE_LARGE,
) -> tuple[list[Card], list[str]]:
    """The region's headline cards in policy order, and the slots without any figure (first code).

    ``series``: indicator_series rows of the region for every code of ``slots``; ``ranks``:
    headline_ranks rows; ``catalog``: indicator_catalog; ``sources``: source_catalog."""
    today = today or dt.date.today()
    meta = {str(r["code"]): r for r in _records(catalog)}
    cite_col = "cite_en" if lang == "en" else "cite_id"
    cite = {str(r["source_id"]): str(r[cite_col]) for r in _records(sources)}
    by_code: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(_records(series), key=lambda r: (str(r["indicator"]), int(r["tahun"]))):
        by_code.setdefault(str(r["indicator"]), []).append(r)
    points = {c: [(int(r["tahun"]), float(r["nilai"])) for r in rs] for c, rs in by_code.items()}
    rank_rows = _records(ranks)
    level = _level_word(region.level, lang)
    out: list[Card] = []
    missing: list[str] = []
    for slot in slots:
        code = pick_current(points, [c for c in slot if c in meta])
        if code is None:
            missing.append(slot[0])
            continue
        m = meta[code]
        hib = None if _na(m["higher_is_better"]) else bool(m["higher_is_better"])
        unit = str(m["unit_en"] if lang == "en" else m["unit_id"])
        dec = int(m["decimals"])
        pts = points[code]
        last = by_code[code][-1]
        year, val = pts[-1]
        short = _text(m, "short_id", lang)
        unit_text = fmt.unit_label(unit, lang)
        long_unit = len(unit_text) > 8
        name = f"{short} ({unit_text})" if long_unit else short
        big = fmt.number(val, dec, lang) if long_unit else fmt.value(val, unit, dec, lang)
        prev = pts[-2] if len(pts) > 1 else None
        delta = fmt.change(val, prev[1], unit, dec, lang) if prev else None
        since = TEXT("since", lang, year=prev[0]) if prev else TEXT("no_previous", lang)
        codes = [c for c in slot if c in meta]
        lvl = comparable(rank_rows, codes, "level", min_share)
        prov = comparable(rank_rows, codes, "provinsi", min_share)
        rank = _rank_text(lvl, hib, level, lang) if lvl else None
        rank_prov = None
        if prov is not None:
            rank_prov = _province_text(prov, hib, region.provinsi, lang)
            if prov.indicator != code:  # the province is compared on another series: say which
                other = WORDS("basis_series_short", lang)
                if lvl is None or prov.indicator != lvl.indicator:
                    other = _text(meta[prov.indicator], "name_id", lang)
                rank_prov = f"{rank_prov[:-1]}, {other})"
        note = _rank_note(code, year, lvl, rank_rows, meta, level, lang)
        sentences = []
        trend = _trend(pts, unit, dec, lang)
        pace_on_basis = None
        if (
            lvl is not None
            and lvl.change5 is not None
            and lvl.mean_change5 is not None
            and lvl.n_change5 >= min_share * lvl.n_total  # the pace of a comparable group only
            and unit in fmt.POINT_UNITS
        ):
            pace = _pace(lvl.change5, lvl.mean_change5, unit, dec, level, lang)
            if trend is not None and lvl.indicator == code and lvl.year == year and trend[1] == year - 5:
                trend = (f"{trend[0]}, {pace}", trend[1])
            else:
                b = meta[lvl.indicator]
                bunit = str(b["unit_en"] if lang == "en" else b["unit_id"])
                pace_on_basis = WORDS(
                    "pace_basis", lang, y0=lvl.year - 5, y1=lvl.year,
                    change=_signed(lvl.change5, bunit, dec, lang), pace=pace,
                )  # fmt: skip
        if trend is not None:
            sentences.append(trend[0] + ".")
        if pace_on_basis:
            sentences.append(pace_on_basis)
        position = _position(lvl, prov, dec, unit, region, level, lang)
        if position:
            sentences.append(position)
        status = str(last["status"])
        status_text = (
            COMMON("status_" + status, lang)
            if status in ("sementara", "sangat_sementara", "revisi")
            else None
        )
        # the sources of every figure the card shows (the newest first): its change and its
        # five-year sentence may come from an older source of the same series (Pekalongan's poor
        # population: 2025 from S10, 2020 and 2024 from S09); then, labelled, those of the other
        # regions' figures its ranks and group means compare with (the national table of another
        # year, and the few regions whose figure the warehouse holds from another publication)
        used = [p for r in reversed(by_code[code]) for p in str(r["source_id"]).split("+") if p]
        cites = [cite.get(s, s) for s in dict.fromkeys(used)]
        if bool(last["derived"]):  # the figure is the dashboard's arithmetic on these sources
            cites[-1] += f" ({TEXT('derived', lang)})"
        others = [p for st_ in (lvl, prov) if st_ is not None for p in st_.sources if p not in used]
        rank_cites = tuple(cite.get(s, s) for s in dict.fromkeys(others))
        badge, color, badge_help = _badge(year, m, today, lang)
        several = len({c for c in codes if c in points}) > 1 or (lvl is not None and lvl.indicator != code)
        params = {"kota": region.kode, "ind": code, "lang": lang}
        links = (
            Link("pages/tren.py", WORDS("link_tren", lang), params),
            Link(
                "pages/bandingkan.py",
                WORDS("link_bandingkan", lang),
                {**params, "ind": lvl.indicator if lvl else code},
            ),
        )
        out.append(
            Card(
                indicator=code,
                title=_text(m, "name_id", lang),
                label=f"{name} · {year}",
                value=big,
                year=year,
                delta=delta,
                delta_color=_delta_color(hib),
                since=since,
                rank=rank,
                rank_order=_rank_order(hib, lang),
                sentence=" ".join(sentences),
                source=_line(cites, rank_cites, lang),
                cites=tuple(cites),
                rank_cites=rank_cites,
                status=status_text,
                definition=_text(m, "definition_id", lang),
                trend_years=[y for y, _ in pts],
                trend_values=[v for _, v in pts],
                name=name,
                series=_text(m, "name_id", lang) if several else None,
                badge=badge,
                badge_color=color,
                badge_help=badge_help,
                rank_province=rank_prov,
                rank_note=note,
                large=len(out) < large,
                links=links,
                rank_indicator=lvl.indicator if lvl else None,
                rank_year=lvl.year if lvl else None,
                rank_n=lvl.n if lvl else None,
                rank_n_total=lvl.n_total if lvl else None,
                rank_value=lvl.rank if lvl else None,
                message=WORDS(
                    "message",
                    lang,
                    name=name,
                    region=region.nama,
                    year=year,
                    value=big,
                    sentence=" ".join(sentences),
                ).strip(),
            )
        )
    return out, missing


def _rank_note(
    code: str,
    year: int,
    lvl: Standing | None,
    rows: Sequence[Mapping[str, Any]],
    meta: Mapping[str, Mapping[str, Any]],
    level: str,
    lang: str,
) -> str | None:
    """Why the rank is not on the card's own figure: another series, an earlier year, or none."""
    mine = next((r for r in rows if r["indicator"] == code and int(r["tahun"]) == year), None)
    if lvl is None:
        if mine is None or _na(mine["n_level"]):
            return None
        need = round(100 * config.RANK_MIN_SHARE)
        return WORDS(
            "no_rank",
            lang,
            year=year,
            n=int(mine["n_level"]),
            total=int(mine["n_level_total"]),
            level=level,
            need=need,
        )
    b = meta[lvl.indicator]
    bunit = str(b["unit_en"] if lang == "en" else b["unit_id"])
    value = fmt.value(lvl.value, bunit, int(b["decimals"]), lang)
    if lvl.indicator != code:
        return WORDS("basis_series", lang, series=_text(b, "name_id", lang), year=lvl.year, value=value)
    if lvl.year != year and mine is not None:
        return WORDS(
            "basis_year", lang, year=lvl.year, value=value, newest=year,
            n=int(mine["n_level"]), total=int(mine["n_level_total"]), level=level,
        )  # fmt: skip
    return None


Fetch = Callable[..., pd.DataFrame]


def cards_for(
    fetch: Fetch, region: Region, lang: str = "id", today: dt.date | None = None
) -> tuple[list[Card], list[str]]:
    """:func:`cards` with the queries they need, through ``fetch(name, **params)`` (``ui.query`` on
    a page, the deck's fetcher on a slide), so the page and a slide show the same cards."""
    wanted = sorted({code for slot in config.HEADLINE_SLOTS for code in slot})
    return cards(
        fetch("indicator_series", kodes=[region.kode], indicators=wanted),
        fetch("headline_ranks", kode=region.kode, indicators=wanted),
        fetch("indicator_catalog"),
        fetch("source_catalog"),
        region,
        lang,
        today,
    )
