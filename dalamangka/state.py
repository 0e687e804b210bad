"""Typed, language-free URL state: one frozen dataclass per page, encoded and decoded here only.

A link holds codes, never translated labels: ``/tren?kota=1275&lang=id&ind=ipm``. Every page's
choices are a dataclass whose fields carry their URL parameter name, kind and old (label-style)
parameter names in ``field(metadata=...)``; :func:`decode` turns query parameters into
``(Common, state, notices)`` and :func:`encode` writes the canonical parameters back.

- Old links (``kota=Kota+Medan``, ``lang=English``, ``tren_indikator=Unemployment``) decode once
  by exact match; the page then rewrites the URL to the canonical form.
- An unknown or invalid value is never silently swapped: it gives a notice (Bahasa first) naming
  the value and what is shown instead. ``kota+medan`` is not ``Kota Medan``; the notice says so.
- Hostile input (5,000-character values, markup, wrong types) only ever gives a notice.

To add a choice to a page (issue 15: ``tab``, a year range, a group), add a field with
:func:`param` to its dataclass; decode/encode need no change. Pure Python: no Streamlit.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dalamangka import config
from dalamangka.i18n import LANGS, Text

Fetch = Callable[..., pd.DataFrame]
Query = Mapping[str, str | Sequence[str]]
Canonical = dict[str, str | list[str]]

MAX_SHOWN = 40  # characters of a bad value quoted back in a notice
MAX_TEXT = 80  # a free-text search box
MAX_ITEMS = 60  # region codes in one list parameter
_CODE = re.compile(r"[A-Za-z0-9_]{1,64}")

TEXT = Text(
    {
        "bad_kota": (
            "Wilayah “{value}” di tautan (kota=) tidak dikenal; ditampilkan {shown}.",
            "The region “{value}” in the link (kota=) is not known; showing {shown} instead.",
        ),
        "bad_kota_case": (
            "Wilayah “{value}” di tautan (kota=) tidak persis sama dengan nama mana pun; ditampilkan "
            "{shown}. Maksud Anda {guess} (kota={kode})?",
            "The region “{value}” in the link (kota=) matches no name exactly; showing {shown} instead. "
            "Did you mean {guess} (kota={kode})?",
        ),
        "bad_lang": (
            "Bahasa “{value}” di tautan (lang=) tidak dikenal; ditampilkan Bahasa Indonesia.",
            "The language “{value}” in the link (lang=) is not known; showing Bahasa Indonesia.",
        ),
        "bad_value": (
            "Nilai “{value}” di tautan ({param}=) tidak dikenal; ditampilkan {shown}.",
            "The value “{value}” in the link ({param}=) is not known; showing {shown} instead.",
        ),
        "bad_regions": (
            "Wilayah di tautan ({param}=) tidak dikenal dan dilewati: {items}.",
            "Regions in the link ({param}=) are not known and were left out: {items}.",
        ),
        "too_long": (
            "Teks di tautan ({param}=) terlalu panjang dan diabaikan.",
            "The text in the link ({param}=) is too long and was ignored.",
        ),
        "bad_page": (
            "Halaman “/{value}” tidak ada; ditampilkan {shown}. Halaman yang ada: {pages}.",
            "There is no page “/{value}”; showing {shown} instead. The pages: {pages}.",
        ),
        "default": ("pilihan bawaan halaman", "the page's default"),
    }
)


def param(
    name: str,
    kind: str,
    *,
    legacy: Sequence[str] = (),
    choices: Sequence[Any] = (),
    labels: Callable[[Any, str], str] | None = None,
) -> dict[str, Any]:
    """Metadata of a state field: its URL ``name``, ``kind`` (indicator, year, choice, int, bool,
    regions, text), the parameter names old links used, and for choices the allowed values and
    their old labels (``labels(value, lang)``, matched in either language)."""
    return {"param": name, "kind": kind, "legacy": tuple(legacy), "choices": tuple(choices), "labels": labels}


def _f(default: Any, name: str, kind: str, **kw: Any) -> Any:
    return field(default=default, metadata=param(name, kind, **kw))


def _text(table_key: Callable[[Any], str]) -> Callable[[Any, str], str]:
    """Old label of a choice through a module's Text table (imported lazily: no import cycles)."""

    def label(value: Any, lang: str) -> str:
        return _label(table_key(value), lang)

    return label


def _label(key: str, lang: str) -> str:
    module, _, name = key.partition(":")
    if module == "trends":
        from dalamangka.trends import TEXT as table
    elif module == "compare":
        from dalamangka.compare import TEXT as table
    elif module == "maps":
        from dalamangka.maps import T as table
    elif module == "mapmeasure":
        from dalamangka.maps import V as table
    elif module == "peta":
        table = PETA_TEXT
    else:
        table = KUALITAS_TEXT
    try:
        return table(name, lang)
    except KeyError:
        return name


PETA_TEXT = Text(
    {
        "view_kecamatan": ("Kecamatan", "Kecamatan"),
        "view_nasional": ("Kab/kota se-Indonesia", "All regencies/cities"),
        "nasional_alt": ("nasional", "national"),
    }
)
KUALITAS_TEXT = Text(
    {"scope_wilayah": ("wilayah terpilih", "chosen region"), "scope_semua": ("semua wilayah", "all regions")}
)

TREND_SETS = ("lima", "provinsi", "semua", "pilihan")
TREND_MODES = ("nilai", "indeks", "perubahan")
COMPARE_SETS = ("lima", "provinsi", "semua", "mirip", "pilihan")
MAP_VIEWS = ("kecamatan", "nasional")
MAP_METHODS = ("quantiles", "jenks", "equal")
MAP_MEASURES = ("nilai", "kepadatan_bps", "pangsa_persen")  # dalamangka.maps.MEASURES


# --- the page states -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Common:
    """What every page shares: the region (BPS code) and the language."""

    kota: str = config.DEFAULT_CITY
    lang: str = "id"


@dataclass(frozen=True)
class Ringkasan:
    """The Ringkasan page has no choices of its own (the city is in :class:`Common`)."""


@dataclass(frozen=True)
class Tren:
    ind: str | None = _f(None, "ind", "indicator", legacy=["tren_indikator"])
    set: str = _f("lima", "set", "choice", legacy=["tren_set"], choices=TREND_SETS,
                  labels=_text(lambda v: f"trends:set_{v}"))  # fmt: skip
    wilayah: tuple[str, ...] = _f((), "wilayah", "regions", legacy=["tren_wilayah"])
    mode: str = _f("nilai", "mode", "choice", legacy=["tren_mode"], choices=TREND_MODES,
                   labels=_text(lambda v: f"trends:mode_{v}"))  # fmt: skip
    dasar: int | None = _f(None, "dasar", "year", legacy=["tren_dasar"])
    cari: str = _f("", "cari", "text", legacy=["tren_cari"])
    # ``urut=`` (the old sort choice) is no longer a field: the table sorts by its column headers, and
    # an old link's ``urut=`` is ignored and dropped when the URL is rewritten
    tab: str = _f("grafik", "tab", "choice", choices=("grafik", "peta", "tabel"))  # issue 15: Chart/Map/Table
    # issue 15: the comparison group as ``groups.encode`` writes it (as on Bandingkan); ``set`` is only
    # read from old links (``set=provinsi``) and rewritten to ``grup=`` (views.comparison.legacy)
    grup: str = _f("", "grup", "text")
    rentang: str = _f("", "rentang", "text")  # issue 15: year range "2015-2021" (timeline.year_range)


@dataclass(frozen=True)
class Bandingkan:
    ind: str | None = _f(None, "ind", "indicator", legacy=["bandingkan_indikator"])
    tahun: int | None = _f(None, "tahun", "year", legacy=["bandingkan_tahun"])
    set: str = _f("lima", "set", "choice", legacy=["bandingkan_set"], choices=COMPARE_SETS,
                  labels=_text(lambda v: f"compare:set_{v}"))  # fmt: skip
    pita: int = _f(config.SIMILAR_POPULATION_BAND, "pita", "choice", legacy=["bandingkan_pita"],
                   choices=config.SIMILAR_POPULATION_BANDS, labels=lambda v, lang: f"±{v} %")  # fmt: skip
    daftar: tuple[str, ...] = _f((), "daftar", "regions", legacy=["bandingkan_daftar"])
    sorot: tuple[str, ...] = _f((), "sorot", "regions", legacy=["bandingkan_sorot"])
    x: str | None = _f(None, "x", "indicator", legacy=["bandingkan_x"])
    semua: bool = _f(False, "semua", "bool")  # the full ranked list instead of top/bottom N + city
    # issue 15: the comparison group as ``groups.encode`` writes it (``grup=pulau``, ``mirip-25``,
    # ``daftar-1275.1671``); when empty, the old ``set``/``pita``/``daftar`` values are read once and
    # the URL is rewritten to ``grup=`` (views.bandingkan.legacy_group)
    grup: str = _f("", "grup", "text")
    # issue 15: Chart / Map / Table; issue 14: the strip (``sebaran``) and the scatter (``pasangan``)
    # are tabs of their own, drawn when opened (two Vega charts less on the first view)
    tab: str = _f("grafik", "tab", "choice", choices=("grafik", "sebaran", "pasangan", "peta", "tabel"))


@dataclass(frozen=True)
class Peta:
    tampilan: str = _f("kecamatan", "tampilan", "choice", legacy=["peta_tampilan"], choices=MAP_VIEWS,
                       labels=_text(lambda v: f"peta:view_{v}"))  # fmt: skip
    ind: str | None = _f(None, "ind", "indicator", legacy=["peta_indikator", "peta_nas_indikator"])
    tahun: int | None = _f(None, "tahun", "year", legacy=["peta_tahun", "peta_nas_tahun"])
    metode: str = _f("quantiles", "metode", "choice", legacy=["peta_klasifikasi"], choices=MAP_METHODS,
                     labels=_text(lambda v: f"maps:{v}"))  # fmt: skip
    kelas: int = _f(5, "kelas", "choice", legacy=["peta_kelas"], choices=(3, 4, 5, 6, 7))
    ukuran: str = _f("nilai", "ukuran", "choice", legacy=["peta_ukuran"], choices=MAP_MEASURES,
                     labels=_text(lambda v: f"mapmeasure:{v}"))  # fmt: skip
    nama: bool = _f(True, "nama", "bool", legacy=["peta_nama"])
    kelurahan: bool = _f(False, "kelurahan", "bool", legacy=["peta_kelurahan"])
    kota_saja: bool = _f(False, "kota_saja", "bool", legacy=["peta_kota_saja"])
    tab: str = _f("peta", "tab", "choice", choices=("peta", "tabel"))  # issue 15: Map / Table
    cari: str = _f("", "cari", "text")  # issue 15: the table's search text


@dataclass(frozen=True)
class Katalog:
    produsen: str = _f("semua", "produsen", "text", legacy=["katalog_produsen"])
    ind: str | None = _f(None, "ind", "indicator", legacy=["katalog_indikator"])


@dataclass(frozen=True)
class Kualitas:
    cakupan: str = _f("wilayah", "cakupan", "choice", legacy=["kualitas_cakupan"],
                      choices=("wilayah", "semua"),
                      labels=_text(lambda v: f"kualitas:scope_{v}"))  # fmt: skip
    # issue 14: one tab drawn at a time (the tables' JavaScript only when a table tab is opened)
    tab: str = _f("lengkap", "tab", "choice", choices=("lengkap", "cek", "produsen"))


@dataclass(frozen=True)
class Presentasi:
    """The deck player's own parameters (``dek`` is a shipped deck name, ``saya`` or a short id)."""

    dek: str = _f("", "dek", "text")
    slide: int = _f(1, "slide", "int")
    putar: bool = _f(False, "putar", "bool")
    layar: str = _f("720", "layar", "choice", choices=("720", "1080"))


STATES: dict[str, type[Any]] = {
    "ringkasan": Ringkasan,
    "peta": Peta,
    "tren": Tren,
    "bandingkan": Bandingkan,
    "presentasi": Presentasi,
    "katalog": Katalog,
    "kualitas": Kualitas,
}
PAGES: tuple[str, ...] = tuple(STATES)


# --- what codes exist (from the warehouse) -------------------------------------------------------


@dataclass(frozen=True)
class Vocab:
    """The codes a link may name, and the old labels that map to them exactly."""

    regions: Mapping[str, str]  # BPS code -> name (kab/kota, provinces, nasional)
    pickable: frozenset[str]  # codes the sidebar can choose (kab/kota)
    indicators: frozenset[str]
    indicator_labels: Mapping[str, str]  # old label (short/long name, either language) -> code

    def region_name(self, kode: str) -> str:
        return self.regions.get(kode, kode)


def vocab(fetch: Fetch) -> Vocab:
    """The vocabulary of links, from the warehouse (cache it per warehouse version)."""
    choices = fetch("region_choices")
    pickable = fetch("region_pickable")
    regions = dict(zip(pickable.kode.astype(str), pickable.nama.astype(str), strict=True))
    regions.update(zip(choices.kode.astype(str), choices.nama.astype(str), strict=True))
    catalog = fetch("indicator_catalog")
    labels: dict[str, str] = {}
    ambiguous: set[str] = set()
    for row in catalog.to_dict("records"):
        code = str(row["code"])
        names = {str(row.get(c)) for c in ("short_id", "short_en", "name_id", "name_en") if row.get(c)}
        names.add(f"{code} — {row.get('name_id')}")
        for name in names:
            if labels.get(name, code) != code:
                ambiguous.add(name)
            labels[name] = code
    for name in ambiguous:  # a label two indicators share names neither
        labels.pop(name, None)
    return Vocab(
        regions=regions,
        pickable=frozenset(choices.kode.astype(str)),
        indicators=frozenset(catalog.code.astype(str)),
        indicator_labels=labels,
    )


# --- decode / encode ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decoded:
    common: Common
    state: Any
    notices: tuple[str, ...]
    canonical: Canonical  # the parameters to write back (codes only)

    def differs(self, query: Query) -> bool:
        """Whether the URL must be rewritten (old labels, bad values, missing city or language)."""
        return _values(query) != {k: [v] if isinstance(v, str) else v for k, v in self.canonical.items()}


def _values(query: Query) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in query.items():
        vals = [v] if isinstance(v, str) else [str(x) for x in v]
        out[str(k)] = vals
    return out


def quote(value: object) -> str:
    """A bad value as a notice quotes it: short, one line, no markup that could render."""
    text = str(value).replace("\n", " ").replace("\r", " ")
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def page_path(asked: str, paths: Sequence[str]) -> str | None:
    """The page a link's path names, written as people type it: any case, a trailing slash, a
    ``.py`` file name (``/Peta``, ``/TREN/``, ``/peta.py``);
    ``None`` when it names none of ``paths`` (then the link shows the default page and a notice,
    never another page that merely looks alike)."""
    name = asked.strip().strip("/").rsplit("/", 1)[-1].strip()
    if name.casefold().endswith(".py"):
        name = name[:-3]
    wanted = name.casefold()
    found = [p for p in paths if p.casefold() == wanted]
    return found[0] if len(found) == 1 else None


def _last(values: list[str]) -> str | None:
    return values[-1] if values else None


def decode_common(query: Query, v: Vocab, fallback: Common | None = None) -> tuple[Common, list[str]]:
    """The region and language of a link. Missing ones come from ``fallback`` (the session's
    last choice) or the defaults; bad ones give a notice."""
    q = _values(query)
    fallback = fallback or Common()
    notes: list[str] = []
    raw_lang = _last(q.get("lang", []))
    lang = fallback.lang
    if raw_lang is not None:
        # language tags are case-insensitive and may carry a region (BCP 47): EN, en-US, id-ID
        lookup = {"id": "id", "en": "en", "bahasa indonesia": "id", "english": "en"}
        tag = raw_lang.strip().casefold()
        primary = re.split(r"[-_]", tag, maxsplit=1)[0]
        if tag in lookup or primary in ("id", "en"):
            lang = lookup.get(tag) or primary
        else:
            lang = "id"
            notes.append(TEXT("bad_lang", lang, value=quote(raw_lang)))
    lang = lang if lang in LANGS else "id"
    raw = _last(q.get("kota", []))
    kota = fallback.kota if fallback.kota in v.pickable else config.DEFAULT_CITY
    if raw is not None:
        by_name = {n: k for k, n in v.regions.items() if k in v.pickable}
        if raw in v.pickable:
            kota = raw
        elif raw in by_name:
            kota = by_name[raw]
        else:
            shown = v.region_name(kota)
            folded = {n.casefold().replace("+", " "): k for n, k in by_name.items()}
            guess = folded.get(raw.casefold().replace("+", " ").strip())
            if guess:
                notes.append(TEXT("bad_kota_case", lang, value=quote(raw), shown=shown,
                                  guess=v.region_name(guess), kode=guess))  # fmt: skip
            else:
                notes.append(TEXT("bad_kota", lang, value=quote(raw), shown=shown))
    return Common(kota=kota, lang=lang), notes


def _field_values(f: dataclasses.Field[Any], q: dict[str, list[str]]) -> list[str] | None:
    meta = f.metadata
    for name in (meta["param"], *meta["legacy"]):
        if name in q:
            return q[name]
    return None


def _default_text(f: dataclasses.Field[Any], lang: str) -> str:
    labels = f.metadata.get("labels")
    default = f.default
    if default is None or default == () or default == "":
        return TEXT("default", lang)
    if labels is not None:
        return f"{labels(default, 'en' if lang == 'en' else 'id')}"
    return str(default)


def _decode_field(
    f: dataclasses.Field[Any], values: list[str], v: Vocab, lang: str
) -> tuple[Any, str | None]:
    """(value, notice or None) of one field from its raw parameter values."""
    meta = f.metadata
    kind, name = meta["kind"], meta["param"]

    def bad(raw: str) -> tuple[Any, str]:
        return f.default, TEXT("bad_value", lang, value=quote(raw), param=name, shown=_default_text(f, lang))

    if kind == "regions":
        kodes: list[str] = []
        unknown: list[str] = []
        by_name = {n: k for k, n in v.regions.items()}
        for item in values[: MAX_ITEMS * 2]:
            code = item if item in v.regions else by_name.get(item)
            if code is None:
                unknown.append(quote(item))
            elif code not in kodes:
                kodes.append(code)
        if len(values) > MAX_ITEMS * 2:
            unknown.append("…")
        notice = TEXT("bad_regions", lang, param=name, items=", ".join(unknown[:5])) if unknown else None
        return tuple(kodes[:MAX_ITEMS]), notice
    raw = _last(values)
    if raw is None:
        return f.default, None
    if kind == "indicator":
        if raw in v.indicators:
            return raw, None
        if raw in v.indicator_labels:
            return v.indicator_labels[raw], None
        return bad(raw)
    if kind == "year":
        if re.fullmatch(r"\d{4}", raw) and 1900 <= int(raw) <= 2100:
            return int(raw), None
        return bad(raw)
    if kind == "int":
        if re.fullmatch(r"\d{1,4}", raw):
            return int(raw), None
        return bad(raw)
    if kind == "bool":
        low = raw.lower()
        if low in ("true", "1", "ya"):
            return True, None
        if low in ("false", "0", "tidak"):
            return False, None
        return bad(raw)
    if kind == "text":
        if len(raw) > MAX_TEXT:
            return f.default, TEXT("too_long", lang, param=name)
        return raw, None
    if kind == "choice":
        choices = meta["choices"]
        labels = meta["labels"]
        for c in choices:
            if raw == str(c):
                return c, None
        stripped = raw.strip("±% ")
        for c in choices:
            if stripped == str(c):
                return c, None
            if labels is not None and raw in (labels(c, "id"), labels(c, "en")):
                return c, None
        if name == "tampilan" and raw in ("nasional", "national"):
            return "nasional", None
        return bad(raw)
    raise ValueError(f"unknown kind {kind!r}")  # a programming error, never user input


def decode_page(page: str, query: Query, v: Vocab, lang: str) -> tuple[Any, list[str]]:
    """A page's own typed state (without region and language) and the notices of bad values."""
    cls = STATES[page]
    q = _values(query)
    values: dict[str, Any] = {}
    notes: list[str] = []
    for f in dataclasses.fields(cls):
        raw = _field_values(f, q)
        if raw is None:
            continue
        value, notice = _decode_field(f, raw, v, lang)
        values[f.name] = value
        if notice:
            notes.append(notice)
    return cls(**values), notes


def decode(page: str, query: Query, v: Vocab, fallback: Common | None = None) -> Decoded:
    """A page's typed state from URL parameters (canonical or old label-style), with notices."""
    common, notes = decode_common(query, v, fallback)
    page_state, more = decode_page(page, query, v, common.lang)
    return Decoded(common, page_state, tuple(notes + more), encode(common, page_state))


def encode_value(value: Any) -> str | list[str] | None:
    """One choice as URL text (None: leave the parameter out)."""
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, tuple | list):
        return [str(x) for x in value] or None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def encode(common: Common, state: Any) -> Canonical:
    """Canonical parameters: ``kota`` and ``lang`` always, each choice that is not its default."""
    out: Canonical = {"kota": common.kota, "lang": common.lang}
    for f in dataclasses.fields(state):
        value = getattr(state, f.name)
        if value == f.default or value is None:
            continue
        encoded = encode_value(value)
        if encoded is not None:
            out[f.metadata["param"]] = encoded
    return out


def query_string(params: Canonical) -> str:
    """``a=1&b=2&b=3`` (lists as repeated parameters), in the order given."""
    from urllib.parse import urlencode

    pairs: list[tuple[str, str]] = []
    for k, val in params.items():
        for one in [val] if isinstance(val, str) else val:
            pairs.append((k, one))
    return urlencode(pairs)


def link(page: str, common: Common, state: Any | None = None, base: str = "") -> str:
    """``<base>/<page>?<canonical params>``: the short, language-free link of a view."""
    params = encode(common, state if state is not None else STATES[page]())
    return f"{base.rstrip('/')}/{page}?{query_string(params)}"


def replace(state: Any, **changes: Any) -> Any:
    """The state with some fields changed (a thin, typed :func:`dataclasses.replace`)."""
    return dataclasses.replace(state, **changes)


# --- Kepuasan layanan (issue 17; appended: the deck plays a unit's profile like any view) ---------


@dataclass(frozen=True)
class Kepuasan:
    """The Kepuasan layanan page: the service unit whose profile is shown (its ``unit_id`` code;
    empty = the page's first unit with a profile). Old links used ``kepuasan_unit``."""

    unit: str = _f("", "unit", "text", legacy=["kepuasan_unit"])


STATES["kepuasan"] = Kepuasan
PAGES = tuple(STATES)
