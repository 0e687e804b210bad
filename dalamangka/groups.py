"""Comparison groups planners think in, encoded in the URL as one short text. Pure, no Streamlit.

A group is chosen by a :class:`Choice` (kind + argument) and resolved against the current
regions (``region_pickable`` rows) into member codes:

==========  =========================  ==================================================
kind        URL value (``grup=``)      members
==========  =========================  ==================================================
lima        ``lima``                   the five seed cities
pulau       ``pulau``, ``pulau-jawa``  kota of an island group (``data/groups.toml``);
                                       without argument the chosen region's island
provinsi    ``provinsi``,              kota of a province; without argument the chosen
            ``provinsi-16``            region's province
semua       ``semua``                  every current kota (98)
mirip       ``mirip``, ``mirip-25``    kota whose population lies within ±band % of the
                                       chosen region's (band stated in the description)
metro       ``metro-<code>``           a metro area defined in ``data/groups.toml`` (none is)
daftar      ``daftar-1275.1671``       a saved custom list of BPS kab/kota codes
==========  =========================  ==================================================

The chosen region is always a member. A value that does not decode, or names a code the
warehouse does not have, is refused whole (never partly kept): :func:`decode` returns the default
and a notice naming the value and what is shown instead.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from dalamangka import compare, config, fmt
from dalamangka.i18n import Text

GROUPS_FILE = config.DATA_DIR / "groups.toml"
KINDS: tuple[str, ...] = ("lima", "pulau", "provinsi", "semua", "mirip", "metro", "daftar")
DEFAULT_KIND = "lima"
MAX_CUSTOM = 20  # codes in a saved custom group: a link stays short and a QR code scannable
MAX_TEXT = 200  # characters of a ``grup`` value; longer values are refused before parsing
PICK_LEVELS: tuple[str, ...] = ("kota", "kabupaten")
_CODE = re.compile(r"^[0-9]{4}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}$")

T = Text(
    {
        "kind_lima": ("5 kota percontohan", "5 pilot cities"),
        "kind_pulau": ("Kota sepulau", "Kota on the island"),
        "kind_provinsi": ("Kota se-provinsi", "Kota in the province"),
        "kind_semua": ("Semua 98 kota", "All 98 kota"),
        "kind_mirip": ("Kota berpenduduk serupa", "Kota of similar population"),
        "kind_metro": ("Kawasan metropolitan", "Metropolitan area"),
        "kind_daftar": ("Daftar sendiri", "My own list"),
        "title_lima": ("5 kota percontohan", "the 5 pilot cities"),
        "title_pulau": ("kota di {island}", "kota in {island}"),
        "title_provinsi": ("kota di Provinsi {prov}", "kota in {prov} province"),
        "title_semua": ("semua kota", "all kota"),
        "title_mirip": ("kota berpenduduk serupa {name}", "kota of similar population to {name}"),
        "title_metro": ("{metro}", "{metro}"),
        "title_daftar": ("daftar sendiri", "my own list"),
        "desc_lima": ("5 kota percontohan", "the 5 pilot cities"),
        "desc_pulau": (
            "{n} kota di kelompok pulau {island} (provinsi {provs})",
            "{n} kota in the {island} island group (provinces {provs})",
        ),
        "desc_provinsi": ("{n} kota di Provinsi {prov}", "{n} kota in {prov} province"),
        "desc_semua": ("semua {n} kota", "all {n} kota"),
        "desc_mirip": (
            "{n} kota dengan {pop} {year} antara {low} dan {high} (±{band} % dari {name}: {value})",
            "{n} kota with {pop} {year} between {low} and {high} (±{band}% of {name}: {value})",
        ),
        "desc_metro": ("{n} wilayah {metro} ({source})", "{n} regions of {metro} ({source})"),
        "desc_daftar": ("{n} wilayah pilihan", "{n} chosen regions"),
        "with_chosen": ("{desc}, ditambah {name}", "{desc}, plus {name}"),
        "bad_value": (
            "Kelompok pembanding «{value}» tidak dikenal ({why}); yang ditampilkan: {shown}.",
            "Comparison group «{value}» is not known ({why}); shown instead: {shown}.",
        ),
        "why_kind": ("jenis kelompok tidak dikenal", "unknown kind of group"),
        "why_long": ("lebih dari {n} karakter", "more than {n} characters"),
        "why_arg": ("bagian «{arg}» tidak sah", "part «{arg}» is not valid"),
        "why_code": (
            "kode wilayah {code} tidak ada di gudang data",
            "region code {code} is not in the warehouse",
        ),
        "why_many": ("lebih dari {n} wilayah", "more than {n} regions"),
        "why_empty": ("daftar kosong", "empty list"),
        "why_island": ("kelompok pulau «{arg}» tidak ada", "no island group «{arg}»"),
        "why_band": ("rentang ±{arg} % tidak tersedia", "band ±{arg}% is not offered"),
        "why_metro": (
            "kawasan metropolitan «{arg}» tidak didefinisikan",
            "metro area «{arg}» is not defined",
        ),
        "no_metro": (
            "Data belum mendefinisikan kawasan metropolitan mana pun (wilayah mana yang termasuk), "
            "jadi kelompok metropolitan tidak tersedia. Pakai kota sepulau, se-provinsi atau daftar sendiri.",
            "The data define no metropolitan area (which regions belong to one), so a metro group is "
            "not available. Use the island, the province or your own list.",
        ),
        "no_island": (
            "{name} tidak termasuk kelompok pulau mana pun di data/groups.toml.",
            "{name} belongs to no island group in data/groups.toml.",
        ),
        "no_province": (
            "{name} tidak punya provinsi di gudang data.",
            "{name} has no province in the warehouse.",
        ),
        "no_population": (
            "{name} tidak punya angka {pop}, jadi kota berpenduduk serupa tidak dapat dipilih.",
            "{name} has no {pop} figure, so kota of similar population cannot be chosen.",
        ),
        "people": ("jiwa", "people"),
    }
)


# --- the data file -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Island:
    code: str
    name_id: str
    name_en: str
    provinces: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True)
class Metro:
    code: str
    name_id: str
    name_en: str
    members: tuple[str, ...]
    source: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True)
class Definitions:
    """The contents of ``data/groups.toml``."""

    islands: tuple[Island, ...]
    metros: tuple[Metro, ...]
    source: str

    def island_of(self, province: str) -> Island | None:
        return next((i for i in self.islands if province in i.provinces), None)

    def island(self, code: str) -> Island | None:
        return next((i for i in self.islands if i.code == code), None)

    def metro(self, code: str) -> Metro | None:
        return next((m for m in self.metros if m.code == code), None)


def parse_definitions(data: Mapping[str, Any]) -> Definitions:
    """Check and read the TOML contents; a province in two islands or a bad code is refused."""
    islands = tuple(
        Island(str(i["code"]), str(i["name_id"]), str(i["name_en"]), tuple(str(p) for p in i["provinces"]))
        for i in data.get("pulau", [])
    )
    metros = tuple(
        Metro(
            str(m["code"]),
            str(m["name_id"]),
            str(m["name_en"]),
            tuple(map(str, m["members"])),
            str(m["source"]),
        )
        for m in data.get("metro", [])
    )
    seen: dict[str, str] = {}
    for island in islands:
        if not _SLUG.match(island.code):
            raise ValueError(f"groups.toml: kode pulau «{island.code}» tidak sah")
        for p in island.provinces:
            if not re.fullmatch(r"[0-9]{2}", p):
                raise ValueError(f"groups.toml: kode provinsi «{p}» di {island.code} tidak sah")
            if p in seen:
                raise ValueError(f"groups.toml: provinsi {p} ada di {seen[p]} dan {island.code}")
            seen[p] = island.code
    for metro in metros:
        if not _SLUG.match(metro.code) or not metro.source.strip():
            raise ValueError(f"groups.toml: kawasan metro «{metro.code}» tanpa kode sah atau sumber")
        bad = [c for c in metro.members if not _CODE.match(c)]
        if bad or not metro.members:
            raise ValueError(f"groups.toml: anggota metro {metro.code} tidak sah: {bad}")
    return Definitions(islands, metros, str(data.get("source", "")))


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Definitions:
    with open(path, "rb") as fh:
        return parse_definitions(tomllib.load(fh))


def definitions(path: Path = GROUPS_FILE) -> Definitions:
    """``data/groups.toml``, read once per file version."""
    return _load(str(path), path.stat().st_mtime)


# --- the URL value -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A group choice as the URL holds it: kind and an optional argument (codes for ``daftar``)."""

    kind: str = DEFAULT_KIND
    arg: str = ""

    @property
    def codes(self) -> list[str]:
        """The codes of a custom list (``daftar``), in the order given."""
        return [c for c in self.arg.split(".") if c] if self.kind == "daftar" else []


def encode(choice: Choice) -> str:
    """``Choice("daftar", "1275.1671")`` -> ``"daftar-1275.1671"``: URL-safe without escaping."""
    return f"{choice.kind}-{choice.arg}" if choice.arg else choice.kind


def custom(codes: Sequence[str]) -> Choice:
    """A saved custom group of these codes (duplicates dropped, order kept)."""
    return Choice("daftar", ".".join(dict.fromkeys(codes)))


@dataclass(frozen=True)
class Decoded:
    choice: Choice
    notice: str | None  # set when the value was refused (then ``choice`` is the default)


def decode(
    text: str | None,
    known: set[str] | frozenset[str],
    lang: str = "id",
    defs: Definitions | None = None,
    default: Choice = Choice(),
) -> Decoded:
    """Read a ``grup`` URL value. ``known``: the codes of current regions (region_pickable).

    Empty or missing gives the default silently; anything invalid gives the default and a
    notice naming the value and why. A custom list with one unknown code is refused whole.
    """
    if text is None or text == "":
        return Decoded(default, None)
    d = defs or definitions()
    why = _why_not(text, known, d, lang)
    if why is None:
        kind, _, arg = text.partition("-")
        return Decoded(Choice(kind, arg), None)
    shown = T("kind_" + default.kind, lang)
    value = text if len(text) <= 40 else text[:40] + "…"
    return Decoded(default, T("bad_value", lang, value=value, why=why, shown=shown))


def _why_not(text: str, known: set[str] | frozenset[str], d: Definitions, lang: str) -> str | None:
    if len(text) > MAX_TEXT:
        return T("why_long", lang, n=MAX_TEXT)
    kind, dash, arg = text.partition("-")
    if kind not in KINDS:
        return T("why_kind", lang)
    if dash and not arg:
        return T("why_arg", lang, arg=text)
    if kind in ("lima", "semua") and arg:
        return T("why_arg", lang, arg=arg)
    if kind == "pulau" and arg and d.island(arg) is None:
        return T("why_island", lang, arg=arg)
    if kind == "provinsi" and arg and not (re.fullmatch(r"[0-9]{2}", arg) and arg in known):
        return T("why_arg", lang, arg=arg)
    if kind == "mirip" and arg and not (arg.isdigit() and int(arg) in config.SIMILAR_POPULATION_BANDS):
        return T("why_band", lang, arg=arg)
    if kind == "metro" and (not arg or d.metro(arg) is None):
        return T("why_metro", lang, arg=arg)
    if kind == "daftar":
        codes = arg.split(".") if arg else []
        if not codes or any(c == "" for c in codes):
            return T("why_empty", lang) if not arg else T("why_arg", lang, arg=arg)
        if len(codes) > MAX_CUSTOM:
            return T("why_many", lang, n=MAX_CUSTOM)
        for code in codes:
            if not _CODE.match(code):
                return T("why_arg", lang, arg=code)
            if code not in known:
                return T("why_code", lang, code=code)
    return None


def metro_note(lang: str = "id", defs: Definitions | None = None) -> str | None:
    """What the group picker says about metro areas: why there is no metro group (None when
    one is defined)."""
    d = defs or definitions()
    return None if d.metros else T("no_metro", lang)


def kinds(defs: Definitions | None = None) -> list[str]:
    """The kinds a picker should offer: ``metro`` only when a metro area is defined."""
    d = defs or definitions()
    return [k for k in KINDS if k != "metro" or d.metros]


# --- members -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Resolved members (the chosen region first), a short title and a sentence saying how they
    were chosen; ``problem`` says why a group could not be formed (then only the chosen region)."""

    choice: Choice
    kodes: list[str]
    title: str
    description: str
    problem: str | None = None
    band: tuple[float, float] | None = None  # population bounds of a ``mirip`` group
    band_basis: str | None = None  # the figure that chose the members (population)

    def as_compare_group(self) -> compare.Group:
        """The same members as a :class:`dalamangka.compare.Group` (for ``View.bar_spec``)."""
        return compare.Group(self.kodes, self.description, self.band_basis, self.problem)


def resolve(
    choice: Choice,
    kode: str,
    regions: pd.DataFrame,
    lang: str = "id",
    population: pd.DataFrame | None = None,
    population_label: str = "",
    population_year: int | None = None,
    defs: Definitions | None = None,
) -> Group:
    """Members of a group around the chosen region ``kode``.

    ``regions``: region_pickable rows (kode, nama, level, provinsi, provinsi_nama).
    ``population``: compare_values rows of the population indicator (needed for ``mirip``).
    """
    d = defs or definitions()
    names = dict(zip(regions.kode, regions.nama, strict=True))
    name = names.get(kode, kode)
    kota = regions[regions.level == "kota"]
    prov_of = dict(zip(regions.kode, regions.provinsi, strict=True))
    own_prov = _province(kode, regions, prov_of)
    kind, arg = choice.kind, choice.arg
    fields: dict[str, object] = {}
    band = None
    basis = None

    def failed(problem: str) -> Group:
        return Group(choice, [kode] if kode in names else [], name, "", problem=problem)

    if kind == "pulau":
        island = d.island(arg) if arg else (d.island_of(own_prov) if own_prov else None)
        if island is None:
            return failed(T("no_island", lang, name=name))
        members = kota.loc[kota.provinsi.isin(island.provinces), "kode"].tolist()
        fields.update(island=island.name(lang), provs=", ".join(island.provinces))
    elif kind == "provinsi":
        prov = arg or own_prov
        if not prov:
            return failed(T("no_province", lang, name=name))
        members = kota.loc[kota.provinsi == prov, "kode"].tolist()
        fields["prov"] = names.get(prov, prov)
    elif kind == "semua":
        members = kota.kode.tolist()
    elif kind == "mirip":
        pct = int(arg) if arg else config.SIMILAR_POPULATION_BAND
        pop = population if population is not None else pd.DataFrame(columns=["kode", "level", "nilai"])
        own = pop.loc[pop.kode == kode, "nilai"]
        if own.empty:
            return failed(T("no_population", lang, name=name, pop=population_label))
        centre = float(own.iloc[0])
        low, high = centre * (1 - pct / 100), centre * (1 + pct / 100)
        near = pop[(pop.level == "kota") & pop.nilai.between(low, high)]
        members = near.sort_values("nilai", ascending=False).kode.tolist()
        people = T("people", lang)
        band, basis = (low, high), population_label
        fields.update(
            pop=population_label,
            year=population_year if population_year is not None else "",
            band=pct,
            name=name,
            low=fmt.value(low, people, 0, lang),
            high=fmt.value(high, people, 0, lang),
            value=fmt.value(centre, people, 0, lang),
        )
    elif kind == "metro":
        metro = d.metro(arg)
        if metro is None:
            return failed(T("no_metro", lang))
        members = list(metro.members)
        fields.update(metro=metro.name(lang), source=metro.source)
    elif kind == "daftar":
        members = choice.codes
    else:
        members = list(config.SEED_CITIES)
    known = set(names)
    in_group = [k for k in dict.fromkeys(members) if k in known]
    kodes = [k for k in dict.fromkeys([kode, *in_group]) if k in known]
    desc = T("desc_" + kind, lang, n=len(in_group), **fields)
    if kode not in in_group and kode in known:
        desc = T("with_chosen", lang, desc=desc, name=name)
    title = T("title_" + kind, lang, **{"name": name, **fields})
    return Group(choice, kodes, title, desc, band=band, band_basis=basis)


def _province(kode: str, regions: pd.DataFrame, prov_of: Mapping[str, object]) -> str:
    level = regions.loc[regions.kode == kode, "level"]
    if len(level) and level.iloc[0] == "provinsi":
        return kode
    prov: Any = prov_of.get(kode)
    return "" if prov is None or pd.isna(prov) else str(prov)


# --- the safe multi-pick -----------------------------------------------------------------------

#: Keyword arguments for ``st.multiselect`` so one pick adds one region. Streamlit >= 1.63 shows
#: a "Select N matches" row first while the user types and Enter selects all of them: typing
#: "Kota Padang" + Enter added Kota Padang, Kota Padang Panjang and Kota Padangsidimpuan.
#: ``select_all=False`` removes that row; ``filter_mode="contains"`` keeps our order (fuzzy
#: re-sorts by score), in which an exact name comes before every longer name containing it.
MULTISELECT_ARGS: dict[str, object] = {
    "select_all": False,
    "filter_mode": "contains",
    "max_selections": MAX_CUSTOM,
}


def pick_options(regions: pd.DataFrame, levels: Sequence[str] = PICK_LEVELS) -> list[str]:
    """Codes a picker offers, kota first, then kabupaten, each by name (names are unique)."""
    rows = regions[regions.level.isin(list(levels))].copy()
    rows["_lvl"] = rows.level.map({lv: i for i, lv in enumerate(levels)})
    rows["_key"] = rows.nama.str.lower()
    return rows.sort_values(["_lvl", "_key"], kind="stable").kode.tolist()


def matches(typed: str, options: Sequence[str], labels: Mapping[str, str]) -> list[str]:
    """Options a ``filter_mode="contains"`` picker lists for ``typed``, in order."""
    needle = typed.strip().lower()
    return [o for o in options if needle in labels[o].lower()] if needle else list(options)


def enter_adds(typed: str, options: Sequence[str], labels: Mapping[str, str]) -> list[str]:
    """What Enter adds after typing ``typed`` (with :data:`MULTISELECT_ARGS`): the first match,
    one region or none."""
    found = matches(typed, options, labels)
    return found[:1]


def add_pick(codes: Sequence[str], new: str, known: set[str] | frozenset[str]) -> list[str]:
    """A custom list with ``new`` appended once (unknown codes and a full list unchanged)."""
    out = list(dict.fromkeys(codes))
    if new in known and new not in out and len(out) < MAX_CUSTOM:
        out.append(new)
    return out


def remove_pick(codes: Sequence[str], code: str) -> list[str]:
    return [c for c in codes if c != code]
