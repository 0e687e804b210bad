"""Decks for FGDs: an ordered list of saved views (URL states), each with a title and a key
message, played full screen on the Presentasi page. Pure functions, no Streamlit.

A slide is ``{"page": "ringkasan"|"peta"|"tren"|"bandingkan", "params": {URL query params of
that view}, "title": ..., "message": ...}``; titles and messages are a string or
``{"id": ..., "en": ...}``. A deck is a small JSON file (download, load again) and also fits in
a link (:func:`encode`). :func:`render` draws one slide from the warehouse through ``fetch``
(``fetch(query_name, **params) -> DataFrame``: :func:`dalamangka.ui.query` in the app,
:func:`dalamangka.sql.run` on a connection elsewhere). Each page kind's chart comes from that
page's own public builder; when a builder is not available (a page still being built), the
slide says so clearly instead of failing.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from dalamangka import config, fmt, headline, projector
from dalamangka.i18n import COMMON, Text

FORMAT = "dalamangka-deck"
VERSION = 1
PAGES: tuple[str, ...] = ("ringkasan", "peta", "tren", "bandingkan")
DECKS_DIR = config.DATA_DIR / "decks"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
MAX_SLIDES = 60
MAX_CARDS = 6  # headline cards on one projected slide (3 × 2)
MAX_LINK_BYTES = 16_000

Fetch = Callable[..., pd.DataFrame]
Localised = str | dict[str, str]

TEXT = Text(
    {
        "deck_title": ("{name} dalam angka", "{name} in figures"),
        "t_cards": ("{name} dalam angka", "{name} in figures"),
        "t_trend": (
            "{short}: {name} dan kota percontohan lain",
            "{short}: {name} and the other pilot cities",
        ),
        "t_compare": (
            "{short} {year}: {name} di antara 5 kota percontohan",
            "{short} {year}: {name} among the 5 pilot cities",
        ),
        "m_trend_up": (
            "{short} {name} naik dari {first} ({y0}) menjadi {last} ({y1}).",
            "{short} of {name} rose from {first} ({y0}) to {last} ({y1}).",
        ),
        "m_trend_down": (
            "{short} {name} turun dari {first} ({y0}) menjadi {last} ({y1}).",
            "{short} of {name} fell from {first} ({y0}) to {last} ({y1}).",
        ),
        "m_trend_flat": (
            "{short} {name} tetap {last} dari {y0} sampai {y1}.",
            "{short} of {name} stayed at {last} from {y0} to {y1}.",
        ),
        "m_compare": (
            "{name} peringkat {rank} dari {n} kota percontohan yang punya data ({order}): {value}.",
            "{name} ranks {rank} of the {n} pilot cities with data ({order}): {value}.",
        ),
        "t_map": ("{short} per kecamatan: {name}", "{short} by kecamatan: {name}"),
        "m_map": (
            "Dari {n} kecamatan yang punya angka, {short} terbesar ada di Kecamatan {kec}: {value}.",
            "Of the {n} kecamatan with a figure, the largest {short} is in {kec}: {value}.",
        ),
        "order_high": ("1 = tertinggi", "1 = highest"),
        "order_low": ("1 = terendah", "1 = lowest"),
        "order_size": ("1 = terbesar", "1 = largest"),
        "unavailable": (
            "Slide {page} belum dapat ditampilkan: halaman {page} sedang dibangun ({detail}). "
            "Buka tautan slide ini di ponsel, atau ganti slide ini.",
            "The {page} slide cannot be shown yet: the {page} page is being built ({detail}). "
            "Open this slide's link on a phone, or replace the slide.",
        ),
        "failed": (
            "Slide ini tidak dapat digambar ({detail}). Tidak ada angka yang ditebak; buka tautannya.",
            "This slide could not be drawn ({detail}). No figure is guessed; open its link.",
        ),
        "no_data": (
            "Tidak ada data untuk tampilan ini di gudang data.",
            "The warehouse has no data for this view.",
        ),
        "unknown_region": ("Wilayah tidak dikenal: {name}", "Unknown region: {name}"),
        "mode_simple": (
            "Tampilan tren sederhana (nilai) karena pembangun grafik Tren belum tersedia.",
            "A simple trend (values) because the Tren chart builder is not available yet.",
        ),
        "bad_deck": ("Berkas dek tidak valid: {detail}", "Not a valid deck file: {detail}"),
    }
)


AUTO_SECONDS: tuple[int, ...] = (5, 10, 20, 30, 60)

# Words of the player, the deck manager and the "add to deck" button.
TEXT_UI = Text(
    {
        "title": ("Presentasi", "Presentation"),
        "intro": (
            "Putar dek tampilan tersimpan di proyektor: satu grafik per slide, judul dan pesan kunci "
            "huruf besar, sumber di setiap slide, kode QR untuk membuka tampilan yang sama di ponsel.",
            "Play a deck of saved views on a projector: one chart per slide, title and key message in "
            "large type, the source on every slide, a QR code to open the same view on a phone.",
        ),
        "my_deck": ("Dek saya", "My deck"),
        "my_deck_n": ("Dek saya ({n} slide)", "My deck ({n} slides)"),
        "shared": ("Dek dari tautan", "Deck from a link"),
        "choose": ("Dek", "Deck"),
        "add": ("Tambah ke presentasi", "Add to presentation"),
        "add_help": (
            "Simpan tampilan ini (dengan semua pilihannya) sebagai slide di Dek saya; putar di halaman "
            "Presentasi.",
            "Save this view (with all its choices) as a slide in My deck; play it on the Presentation page.",
        ),
        "added": ("Ditambahkan ke Dek saya: {n} slide.", "Added to My deck: {n} slides."),
        "qr": ("QR", "QR"),
        "scan": ("Pindai untuk membuka di ponsel", "Scan to open on a phone"),
        "next": ("Berikutnya", "Next"),
        "prev": ("Sebelumnya", "Previous"),
        "auto": ("Otomatis", "Auto-advance"),
        "seconds": ("Jeda", "Every"),
        "every_s": ("{n} detik", "{n} s"),
        "exit": ("Keluar", "Exit"),
        "play": ("Putar", "Play"),
        "play_from": ("Putar dari slide {n}", "Play from slide {n}"),
        "screen": ("Layar", "Screen"),
        "empty": (
            'Dek ini belum punya slide. Tambahkan tampilan dengan tombol "Tambah ke presentasi" di '
            "halaman Ringkasan, Peta, Tren atau Bandingkan, atau muat berkas dek.",
            'This deck has no slides yet. Add views with the "Add to presentation" button on the '
            "Overview, Map, Trends or Compare pages, or load a deck file.",
        ),
        "slides": ("Slide", "Slides"),
        "col_no": ("No", "No"),
        "col_page": ("Halaman", "Page"),
        "col_title": ("Judul", "Title"),
        "col_message": ("Pesan kunci", "Key message"),
        "col_link": ("Tautan", "Link"),
        "deck_title": ("Judul dek", "Deck title"),
        "slide_title": ("Judul slide {n}", "Slide {n} title"),
        "slide_message": ("Pesan kunci slide {n} (boleh kosong)", "Slide {n} key message (optional)"),
        "up": ("Naik", "Up"),
        "down": ("Turun", "Down"),
        "delete": ("Hapus", "Delete"),
        "edit": ("Ubah Dek saya", "Edit My deck"),
        "copy": ("Salin ke Dek saya untuk diubah", "Copy to My deck to edit"),
        "upload": ("Muat berkas dek (.json)", "Load a deck file (.json)"),
        "download": ("Unduh dek (.json)", "Download deck (.json)"),
        "share": ("Tautan untuk membagikan dek ini", "Link to share this deck"),
        "offline": (
            "Paket luring (ruangan tanpa jaringan): satu PDF, satu halaman per slide, dari grafik asli:",
            "Offline pack (rooms without a network): one PDF, one page per slide, from the real charts:",
        ),
        "keys": (
            "Tombol panah kanan/kiri berpindah slide, Esc keluar.",
            "Right/left arrow keys change slides, Esc leaves.",
        ),
    }
)


class DeckError(ValueError):
    """A deck file or link that cannot be read."""


# --- the model ----------------------------------------------------------------------------------


def text(value: Localised, lang: str = "id") -> str:
    """The string to show: a plain string, or the language's entry of ``{"id", "en"}``."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("id") or next(iter(value.values()), "")


Params = dict[str, str | list[str]]


@dataclass(frozen=True)
class Slide:
    """One saved view: the page, its URL params, a title and an optional key message."""

    page: str
    params: Params
    title: Localised
    message: Localised = ""

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "params": self.params, "title": self.title, "message": self.message}


@dataclass(frozen=True)
class Deck:
    """An ordered list of slides with a title."""

    title: Localised
    slides: tuple[Slide, ...] = ()
    description: Localised = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "title": self.title,
            "description": self.description,
            "slides": [s.to_dict() for s in self.slides],
        }

    def add(self, slide: Slide) -> Deck:
        return Deck(self.title, (*self.slides, slide), self.description)

    def without(self, index: int) -> Deck:
        return Deck(self.title, tuple(s for i, s in enumerate(self.slides) if i != index), self.description)

    def moved(self, index: int, step: int) -> Deck:
        """The deck with slide ``index`` moved ``step`` places (clamped to the ends)."""
        slides = list(self.slides)
        if not 0 <= index < len(slides):
            return self
        target = min(max(index + step, 0), len(slides) - 1)
        slides.insert(target, slides.pop(index))
        return Deck(self.title, tuple(slides), self.description)

    def replaced(self, index: int, slide: Slide) -> Deck:
        slides = list(self.slides)
        slides[index] = slide
        return Deck(self.title, tuple(slides), self.description)


def _localised(value: Any, what: str) -> Localised:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
        return {str(k): str(v) for k, v in value.items()}
    raise DeckError(f"{what}: text or {{'id': ..., 'en': ...}} expected")


def _params(value: Any, where: str) -> Params:
    if not isinstance(value, Mapping):
        raise DeckError(f"{where}: params must be an object")
    out: Params = {}
    for k, v in value.items():
        if isinstance(v, str):
            out[str(k)] = v
        elif isinstance(v, int | float) and not isinstance(v, bool):
            out[str(k)] = str(v)
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            out[str(k)] = [str(x) for x in v]
        else:
            raise DeckError(f"{where}: parameter {k!r} must be text or a list of text")
    return out


def from_dict(data: Any) -> Deck:
    """A deck from parsed JSON, checked: known pages, params as text, at most MAX_SLIDES."""
    if not isinstance(data, Mapping):
        raise DeckError("a JSON object expected")
    if data.get("format", FORMAT) != FORMAT:
        raise DeckError(f"format {data.get('format')!r} is not {FORMAT!r}")
    raw = data.get("slides")
    if not isinstance(raw, list):
        raise DeckError("'slides' must be a list")
    if len(raw) > MAX_SLIDES:
        raise DeckError(f"at most {MAX_SLIDES} slides")
    slides = []
    for i, s in enumerate(raw, start=1):
        if not isinstance(s, Mapping):
            raise DeckError(f"slide {i}: an object expected")
        page = s.get("page")
        if page not in PAGES:
            raise DeckError(f"slide {i}: page must be one of {', '.join(PAGES)}")
        slides.append(
            Slide(
                page=str(page),
                params=_params(s.get("params", {}), f"slide {i}"),
                title=_localised(s.get("title", ""), f"slide {i} title"),
                message=_localised(s.get("message", ""), f"slide {i} message"),
            )
        )
    return Deck(
        title=_localised(data.get("title", ""), "title"),
        slides=tuple(slides),
        description=_localised(data.get("description", ""), "description"),
    )


def dumps(deck: Deck) -> str:
    """The deck as pretty JSON (what the download button and data/decks/ hold)."""
    return json.dumps(deck.to_dict(), ensure_ascii=False, indent=2) + "\n"


def loads(raw: str | bytes) -> Deck:
    """A deck from JSON text; :class:`DeckError` when it is not one."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise DeckError(f"not JSON ({e})") from None
    return from_dict(data)


def encode(deck: Deck) -> str:
    """The deck packed for a link: compact JSON, zlib, URL-safe base64 without padding."""
    compact = json.dumps(deck.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(compact, 9)).decode("ascii").rstrip("=")


def decode(packed: str) -> Deck:
    """The inverse of :func:`encode`; :class:`DeckError` on a damaged or oversized link."""
    try:
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, MAX_LINK_BYTES * 8)
        if inflater.unconsumed_tail:
            raise DeckError("link too long")
    except (ValueError, zlib.error) as e:
        raise DeckError(f"damaged link ({e})") from None
    return loads(data)


def examples(directory: Path = DECKS_DIR) -> dict[str, Deck]:
    """The shipped example decks by file stem (``data/decks/<city>.json``), in seed-city order."""
    decks = {p.stem: loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))}
    order = {slug(k): i for i, k in enumerate(config.SEED_CITIES)}
    return dict(sorted(decks.items(), key=lambda kv: (order.get(kv[0], 99), kv[0])))


SLUGS: dict[str, str] = {
    "1971": "pangkalpinang",
    "1671": "palembang",
    "1275": "medan",
    "3375": "pekalongan",
    "2172": "tanjungpinang",
}
AUTO_DEFAULT = 20


def slug(kode: str) -> str:
    return SLUGS.get(kode, kode)


MINE = "saya"


def resolve(key: str | None, shipped: Mapping[str, Deck], mine: Deck, default: str) -> tuple[str, Deck, str]:
    """Which deck the Presentasi page shows for its ``dek`` URL parameter: a shipped example by
    name, ``saya`` (the session's own deck), or ``z:<packed deck>`` from a shared link.
    Returns (key, deck, problem); an unreadable link falls back to ``default`` with the problem."""
    if default not in shipped:  # a city without an example deck: the session's own, or the first
        default = MINE if mine.slides or not shipped else next(iter(shipped))
    fallback = shipped.get(default, mine)
    if key and key.startswith("z:"):
        try:
            return key, decode(key[2:]), ""
        except DeckError as e:
            return default, fallback, str(e)
    if key == MINE:
        return MINE, mine, ""
    if key and key in shipped:
        return key, shipped[key], ""
    return default, fallback, ""


def table(d: Deck, lang: str, base: str | None = None) -> pd.DataFrame:
    """The deck's slides as a table for the manager: number, page, title, key message, link."""
    t = TEXT_UI
    return pd.DataFrame(
        {
            t("col_no", lang): list(range(1, len(d.slides) + 1)),
            t("col_page", lang): [COMMON("page_" + s.page, lang) for s in d.slides],
            t("col_title", lang): [text(s.title, lang) for s in d.slides],
            t("col_message", lang): [text(s.message, lang) for s in d.slides],
            t("col_link", lang): [slide_url(s, base) for s in d.slides],
        }
    )


# --- links --------------------------------------------------------------------------------------


def public_url() -> str:
    """The base URL phones open (DALAMANGKA_PUBLIC_URL, default http://localhost:8501)."""
    return os.environ.get("DALAMANGKA_PUBLIC_URL", DEFAULT_PUBLIC_URL).rstrip("/")


def slide_url(slide: Slide, base: str | None = None) -> str:
    """The view's own URL: ``<base>/<page>?<params>`` (lists as repeated parameters)."""
    root = (base if base is not None else public_url()).rstrip("/")
    query = urlencode(list(_pairs(slide.params)))
    return f"{root}/{slide.page}" + (f"?{query}" if query else "")


def _pairs(params: Params) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for k, v in params.items():
        for one in [v] if isinstance(v, str) else v:
            pairs.append((k, one))
    return pairs


def deck_url(deck: Deck, base: str | None = None, slide_no: int = 1, play: bool = True) -> str:
    """A link that opens the Presentasi page on this deck (packed into the link)."""
    root = (base if base is not None else public_url()).rstrip("/")
    params = {"dek": "z:" + encode(deck), "slide": str(slide_no)}
    if play:
        params["putar"] = "1"
    return f"{root}/presentasi?{urlencode(params)}"


def view_params(params: Mapping[str, str | Sequence[str]], kota: str, lang: str) -> Params:
    """A view's params to save: the page's URL params, plus the city and language it was seen
    in (the sidebar leaves its defaults out of the URL, a slide must not depend on them)."""
    out: Params = {}
    for k, v in params.items():
        if k in ("dek", "slide", "putar"):
            continue
        out[str(k)] = v if isinstance(v, str) else [str(x) for x in v]
    out["kota"] = kota
    if lang == "en":
        out["lang"] = "English"
    else:
        out.pop("lang", None)
    return out


def one(params: Params, key: str) -> str | None:
    """A single-valued parameter (the last one when repeated), or None."""
    v = params.get(key)
    if v is None:
        return None
    if isinstance(v, list):
        return v[-1] if v else None
    return v


def many(params: Params, key: str) -> list[str]:
    v = params.get(key)
    if v is None:
        return []
    return [v] if isinstance(v, str) else list(v)


# --- rendering ----------------------------------------------------------------------------------


@dataclass
class Rendered:
    """One slide, ready to draw: title and message, a figure or cards, the source, the link.

    ``note`` is set when the slide cannot show its chart (kind not available yet, no data);
    the slide then shows the note in place of the chart, and never a made-up figure.
    """

    page: str
    title: str
    message: str
    url: str
    source: str = ""
    figure: go.Figure | None = None
    cards: list[headline.Card] = field(default_factory=list)
    note: str = ""
    caption: str = ""

    @property
    def has_chart(self) -> bool:
        return self.figure is not None or bool(self.cards)


class Unavailable(Exception):
    """A page's builder is not there yet (module or function missing)."""


def _builder(module: str, *names: str) -> ModuleType:
    """Import another page's module and check it has the public builders this slide needs."""
    try:
        mod = importlib.import_module(f"dalamangka.{module}")
    except ImportError as e:
        raise Unavailable(f"dalamangka.{module}: {e}") from None
    missing = [n for n in names if not hasattr(mod, n)]
    if missing:
        raise Unavailable(f"dalamangka.{module}.{', '.join(missing)}")
    return mod


@dataclass(frozen=True)
class Env:
    """What every renderer needs: the data, the language and the screen height of the chart."""

    fetch: Fetch
    lang: str
    height: int = projector.HEIGHTS["720"]


def _regions(env: Env) -> pd.DataFrame:
    return env.fetch("region_choices")


def city(params: Params, env: Env) -> tuple[str, str, str]:
    """The slide's city (kode, nama, level) from its ``kota`` param; the default city if absent."""
    regions = _regions(env)
    name = one(params, "kota")
    if name:
        hit = regions[regions.nama == name]
        if hit.empty:
            raise LookupError(TEXT("unknown_region", env.lang, name=name))
        row = hit.iloc[0]
    else:
        row = regions[regions.kode == config.DEFAULT_CITY].iloc[0]
    return str(row.kode), str(row.nama), str(row.level)


def _cite(ids: Sequence[str], env: Env) -> str:
    sources = env.fetch("source_catalog")
    cite = dict(zip(sources.source_id, sources["cite_en" if env.lang == "en" else "cite_id"], strict=True))
    parts: list[str] = []
    for s in ids:
        for p in str(s).split("+"):
            if p and p not in parts:
                parts.append(p)
    return "; ".join(f"{cite.get(p, p)} [{p}]" for p in sorted(parts))


def headline_cards(kode: str, nama: str, level: str, env: Env) -> list[headline.Card]:
    """The Ringkasan cards of a city, as the Ringkasan page builds them (issue 16)."""
    regions = env.fetch("region_choices")
    match = regions[regions.kode == kode]
    provinsi = str(match.provinsi_nama.iloc[0]) if len(match) else ""
    region = headline.Region(kode, nama, level, provinsi)
    return headline.cards_for(env.fetch, region, env.lang)[0]


def _render_ringkasan(slide: Slide, env: Env, out: Rendered) -> None:
    kode, nama, level = city(slide.params, env)
    cards = headline_cards(kode, nama, level, env)[:MAX_CARDS]
    if not cards:
        out.note = TEXT("no_data", env.lang)
        return
    out.cards = cards
    sources: list[str] = []
    for c in cards:
        if c.source not in sources:
            sources.append(c.source)
    out.source = "; ".join(sources)


def _catalog_code(catalog: pd.DataFrame, label: str | None, default: str) -> str:
    """An indicator code from the label a page writes in its URL (short name, either language)."""
    if label:
        for col in ("short_id", "short_en", "code"):
            hit = catalog[catalog[col] == label]
            if not hit.empty:
                return str(hit.code.iloc[0])
    return default


def _choice(label: str | None, options: Sequence[str], table: Text, prefix: str, default: str) -> str:
    """A segmented choice from its label in the URL (either language) or its raw value."""
    if label:
        for option in options:
            if label == option or label in (table(prefix + option, "id"), table(prefix + option, "en")):
                return option
    return default


def _names_to_codes(names: Sequence[str], regions: pd.DataFrame) -> list[str]:
    lookup = dict(zip(regions.nama, regions.kode, strict=True))
    return [lookup[n] for n in names if n in lookup]


def _render_tren(slide: Slide, env: Env, out: Rendered) -> None:
    kode, _, _ = city(slide.params, env)
    try:
        needed = ("frame", "transform", "chart_spec", "pick_regions", "citation", "source_ids")
        trends = _builder("trends", *needed)
        charts = _builder("charts", "trend_figure")
    except Unavailable:
        _render_tren_simple(slide, env, out, kode)
        return
    catalog = env.fetch("trend_indicators")
    regions = env.fetch("region_pickable")
    indicator = _catalog_code(catalog, one(slide.params, "tren_indikator"), "ipm")
    choice = _choice(one(slide.params, "tren_set"), trends.SETS, trends.TEXT, "set_", "lima")
    extra = _names_to_codes(many(slide.params, "tren_wilayah"), regions)
    kodes = trends.pick_regions(regions, choice, kode, extra)
    meta = catalog.set_index("code").loc[indicator]
    unit, decimals = str(meta.unit_id), int(str(meta.decimals))
    rows = env.fetch("trend_series", indicator=indicator, kodes=kodes)
    if rows.empty:
        out.note = TEXT("no_data", env.lang)
        return
    grid = trends.frame(rows, indicator, env.lang)
    years = sorted(int(y) for y in grid.tahun[grid.nilai.notna()].unique())
    mode = _choice(one(slide.params, "tren_mode"), trends.MODES, trends.TEXT, "mode_", "nilai")
    base = None
    if mode == "indeks":
        raw = one(slide.params, "tren_dasar")
        base = int(raw) if raw and raw.isdigit() and int(raw) in years else years[0]
    data = trends.transform(grid, mode, unit, base)
    if not data.y.notna().any():
        out.note = TEXT("no_data", env.lang)
        return
    name = str(meta["name_en" if env.lang == "en" else "name_id"])
    spec = trends.chart_spec(name, grid, mode, unit, decimals, base, env.lang)
    out.figure = charts.trend_figure(data, kode, spec, env.lang)
    out.source = trends.citation(trends.source_ids(grid), env.fetch("source_catalog"), env.lang)


def _render_tren_simple(slide: Slide, env: Env, out: Rendered, kode: str) -> None:
    """A plain value trend from indicator_series: the city and any listed regions, one line each."""
    catalog = env.fetch("indicator_catalog")
    regions = env.fetch("region_choices")
    indicator = _catalog_code(catalog, one(slide.params, "tren_indikator"), "ipm")
    extra = _names_to_codes(many(slide.params, "tren_wilayah"), regions)
    kodes = list(dict.fromkeys([kode, *config.SEED_CITIES, *extra]))
    rows = env.fetch("indicator_series", kodes=kodes, indicators=[indicator])
    if rows.empty:
        out.note = TEXT("no_data", env.lang)
        return
    meta = catalog.set_index("code").loc[indicator]
    out.figure = simple_trend_figure(rows, kode, str(meta.unit_id), int(str(meta.decimals)), env.lang)
    out.source = _cite(rows.source_id.tolist(), env)
    out.caption = TEXT("mode_simple", env.lang)


def simple_trend_figure(rows: pd.DataFrame, highlight: str, unit: str, decimals: int, lang: str) -> go.Figure:
    """indicator_series rows (kode, nama, tahun, nilai) as one line per region on a full year grid;
    years without a figure stay gaps; the chosen city is drawn last and strongest."""
    fig = go.Figure()
    years = list(range(int(rows.tahun.min()), int(rows.tahun.max()) + 1))
    groups = sorted(rows.groupby("kode", sort=False), key=lambda g: g[0] == highlight)
    for i, (kode, g) in enumerate(groups):
        values = g.set_index("tahun").nilai.reindex(years)
        ys = [None if pd.isna(v) else float(v) for v in values]
        chosen = kode == highlight
        fig.add_trace(
            go.Scatter(
                x=years,
                y=ys,
                name=str(g.nama.iloc[0]),
                mode="lines+markers",
                connectgaps=False,
                customdata=[fmt.value(v, unit, decimals, lang) for v in ys],
                hovertemplate="%{fullData.name}<br>%{x}: %{customdata}<extra></extra>",
                line={"width": 4 if chosen else 2, "color": projector.OKABE_ITO[0 if chosen else 1 + i % 6]},
                meta={"kode": str(kode), "highlight": chosen},
            )
        )
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(title={"text": fmt.unit_label(unit, lang) or unit}, tickformat=",~f")
    return fig


def _render_bandingkan(slide: Slide, env: Env, out: Rendered) -> None:
    kode, nama, level = city(slide.params, env)
    compare = _builder("compare", "View", "comparison_set", "ranked", "median", "default_year")
    charts = _builder("charts", "bar_figure")
    trends = _builder("trends", "citation")
    catalog = env.fetch("trend_indicators")
    catalog = catalog[catalog.n_kota > 0]
    regions = env.fetch("region_pickable")
    indicator = _catalog_code(catalog, one(slide.params, "bandingkan_indikator"), "ipm")
    years = env.fetch("compare_years", indicator=indicator)
    raw_year = one(slide.params, "bandingkan_tahun")
    year = int(raw_year) if raw_year and raw_year.isdigit() else compare.default_year(years)
    if year is None:
        out.note = TEXT("no_data", env.lang)
        return
    choice = _choice(one(slide.params, "bandingkan_set"), compare.SETS, compare.TEXT, "set_", "lima")
    band = config.SIMILAR_POPULATION_BAND
    raw_band = (one(slide.params, "bandingkan_pita") or "").strip("±% ")
    if raw_band.isdigit():
        band = int(raw_band)
    population, pop_year = None, None
    pop_label = ""
    if choice == "mirip":
        pop_code = config.SIMILAR_POPULATION_INDICATOR
        pop_year = compare.default_year(env.fetch("compare_years", indicator=pop_code))
        population = env.fetch("compare_values", indicator=pop_code, tahun=pop_year)
        pop_rows = catalog[catalog.code == pop_code]
        if not pop_rows.empty:
            pop_label = str(pop_rows["short_en" if env.lang == "en" else "short_id"].iloc[0])
    custom = _names_to_codes(many(slide.params, "bandingkan_daftar"), regions)
    marked = _names_to_codes(many(slide.params, "bandingkan_sorot"), regions)
    meta = catalog.set_index("code").loc[indicator]
    view = compare.View.of(meta, int(year), level, env.lang)
    values = env.fetch("compare_values", indicator=indicator, tahun=year)
    group = compare.comparison_set(
        choice, kode, nama, regions, env.lang, population, pop_label, pop_year, int(band), custom
    )
    if group.problem:
        out.note = str(group.problem)
        return
    rows = compare.ranked(values, group.kodes, view.higher_is_better)
    if rows.empty:
        out.note = TEXT("no_data", env.lang)
        return
    highlight = list(dict.fromkeys([kode, *marked]))
    spec = view.bar_spec(rows, group, pop_year)
    out.figure = charts.bar_figure(rows, highlight, compare.median(rows.nilai), spec, env.lang)
    out.source = trends.citation(rows.source_id.tolist(), env.fetch("source_catalog"), env.lang)


NATIONAL_LABELS = ("nasional", "Kab/kota se-Indonesia", "All regencies/cities")


def _flag(params: Params, key: str, default: bool) -> bool:
    raw = (one(params, key) or "").lower()
    return default if raw not in ("true", "false") else raw == "true"


def _render_peta(slide: Slide, env: Env, out: Rendered) -> None:
    """The Peta view: the city's kecamatan map (names printed), or the national kab/kota map."""
    maps = _builder(
        "maps", "indicator_names", "measures", "measure_label", "kecamatan_view", "kecamatan_figure",
        "national_view", "national_figure", "source_text", "METHODS", "T",
    )  # fmt: skip
    geo = _builder("geo", "feature_collection", "KECAMATAN_DECIMALS", "NATIONAL_DECIMALS")
    kode, nama, _ = city(slide.params, env)
    p = slide.params
    method = _choice(one(p, "peta_klasifikasi"), list(maps.METHODS), maps.T, "", "quantiles")
    raw_k = one(p, "peta_kelas") or ""
    k = int(raw_k) if raw_k.isdigit() and 3 <= int(raw_k) <= 7 else 5
    sources = env.fetch("source_catalog")
    shapes = env.fetch("map_kecamatan_shapes", kota=kode)
    if len(shapes) and one(p, "peta_tampilan") not in NATIONAL_LABELS:
        catalog = env.fetch("map_kecamatan_indicators", kota=kode)
        if catalog.empty:
            out.note = TEXT("no_data", env.lang)
            return
        code = _label_code(maps.indicator_names(catalog, "id"), maps.indicator_names(catalog, "en"),
                           one(p, "peta_indikator"))  # fmt: skip
        years = [int(y) for y in catalog[catalog.indicator == code].tahun]
        raw_year = one(p, "peta_tahun") or ""
        tahun = int(raw_year) if raw_year.isdigit() and int(raw_year) in years else years[0]
        values = env.fetch("map_kecamatan_values", kota=kode, indicator=code, tahun=tahun)
        meta = catalog[catalog.indicator == code].iloc[0]
        measures = maps.measures(values, meta)
        wanted = one(p, "peta_ukuran")
        measure = next(
            (
                m
                for m in measures
                if wanted in (m, maps.measure_label(m, values, "id"), maps.measure_label(m, values, "en"))
            ),
            "nilai",
        )
        mv = maps.kecamatan_view(values, shapes, meta, measure, method, k, tahun, env.lang)
        collection = _collection(geo, shapes, geo.KECAMATAN_DECIMALS)
        kelurahan = None
        if _flag(p, "peta_kelurahan", False):
            kel = env.fetch("map_kelurahan", kota=kode)
            if len(kel):
                kelurahan = _collection(geo, kel, geo.KECAMATAN_DECIMALS)
        # names are always printed on a projected map, so the room can point at a kecamatan
        out.figure = maps.kecamatan_figure(mv, collection, kelurahan, True, nama, env.lang)
    else:
        catalog = env.fetch("map_kabkota_indicators")
        catalog = catalog[catalog.n_wilayah >= 2]
        code = _label_code(maps.indicator_names(catalog, "id"), maps.indicator_names(catalog, "en"),
                           one(p, "peta_nas_indikator"))  # fmt: skip
        years = [int(y) for y in catalog[catalog.indicator == code].tahun]
        raw_year = one(p, "peta_nas_tahun") or ""
        tahun = int(raw_year) if raw_year.isdigit() and int(raw_year) in years else years[0]
        meta = catalog[catalog.indicator == code].iloc[0]
        values = env.fetch("map_kabkota_values", indicator=code, tahun=tahun,
                           kota_saja=_flag(p, "peta_kota_saja", False))  # fmt: skip
        mv = maps.national_view(values, meta, method, k, tahun, env.lang)
        collection = _collection(geo, env.fetch("map_kabkota_shapes"), geo.NATIONAL_DECIMALS)
        out.figure = maps.national_figure(mv, collection, kode, env.lang)
    out.source = str(maps.source_text(mv, sources, env.lang))


def _collection(geo: ModuleType, rows: pd.DataFrame, decimals: int) -> dict[str, Any]:
    """GeoJSON of shape rows (with ``wkb``), feature id as the Peta page keys them."""
    key = "kode_kemendagri" if "kode_kemendagri" in rows else "kode"
    return dict(geo.feature_collection(rows[key], rows["wkb"], decimals))


def _label_code(names_id: Mapping[str, str], names_en: Mapping[str, str], label: str | None) -> str:
    """An indicator code from a map picker's label (either language); the picker's default first."""
    for names in (names_id, names_en):
        for code, name in names.items():
            if label in (code, name):
                return code
    return next(iter(names_id))


RENDERERS: dict[str, Callable[[Slide, Env, Rendered], None]] = {
    "ringkasan": _render_ringkasan,
    "tren": _render_tren,
    "bandingkan": _render_bandingkan,
    "peta": _render_peta,
}


def render(slide: Slide, env: Env, base: str | None = None) -> Rendered:
    """Draw one slide. Never raises for a page in flux: a missing builder or a failed build
    gives a slide with a clear note and the view's link instead of a chart."""
    lang = env.lang
    out = Rendered(
        page=slide.page,
        title=text(slide.title, lang),
        message=text(slide.message, lang),
        url=slide_url(slide, base),
    )
    page_name = COMMON("page_" + slide.page, lang) if slide.page in PAGES else slide.page
    try:
        RENDERERS[slide.page](slide, env, out)
    except Unavailable as e:
        out.figure, out.cards = None, []
        out.note = TEXT("unavailable", lang, page=page_name, detail=str(e))
    except LookupError as e:
        out.figure, out.cards = None, []
        out.note = TEXT("failed", lang, detail=str(e).strip("'\""))
    except (AttributeError, TypeError, ValueError) as e:  # a builder whose signature moved on
        out.figure, out.cards = None, []
        out.note = TEXT("failed", lang, detail=f"{type(e).__name__}: {e}")
    if out.figure is not None:
        projector.style(out.figure, lang, env.height)
        out.figure.update_layout(meta={"slide_url": out.url})  # which view the drawn chart is
    return out


# --- the example decks (built only from the warehouse) ------------------------------------------


def _both(make: Callable[[str], str]) -> dict[str, str]:
    return {"id": make("id"), "en": make("en")}


def _short(catalog: pd.DataFrame, code: str, lang: str) -> str:
    row = catalog.set_index("code").loc[code]
    return str(row["short_en" if lang == "en" else "short_id"])


def _trend_slide(fetch: Fetch, kode: str, nama: str, code: str, catalog: pd.DataFrame) -> Slide | None:
    rows = fetch("indicator_series", kodes=[kode], indicators=[code]).dropna(subset=["nilai"])
    if len(rows) < 2:
        return None
    meta = catalog.set_index("code").loc[code]
    unit, dec = str(meta.unit_id), int(str(meta.decimals))
    first, last = rows.iloc[0], rows.iloc[-1]
    y0, y1 = int(first.tahun), int(last.tahun)
    v0, v1 = float(first.nilai), float(last.nilai)
    key = "m_trend_up" if v1 > v0 else "m_trend_down" if v1 < v0 else "m_trend_flat"

    def message(lang: str) -> str:
        return TEXT(
            key,
            lang,
            short=_short(catalog, code, lang),
            name=nama,
            y0=y0,
            y1=y1,
            first=fmt.value(v0, unit, dec, lang),
            last=fmt.value(v1, unit, dec, lang),
        )

    return Slide(
        page="tren",
        params={"kota": nama, "tren_indikator": _short(catalog, code, "id")},
        title=_both(lambda lang: TEXT("t_trend", lang, short=_short(catalog, code, lang), name=nama)),
        message=_both(message),
    )


def _compare_slide(fetch: Fetch, kode: str, nama: str, code: str, catalog: pd.DataFrame) -> Slide | None:
    years = fetch("compare_years", indicator=code)
    seeds = list(config.SEED_CITIES)
    # The latest year in which every seed city has a figure (so the bar chart compares all five).
    full_years = []
    for y in sorted((int(t) for t in years.tahun), reverse=True):
        values = fetch("compare_values", indicator=code, tahun=y)
        if set(seeds) <= set(values.kode):
            full_years.append((y, values))
            break
    if not full_years:
        return None
    year, values = full_years[0]
    meta = catalog.set_index("code").loc[code]
    hib = meta.higher_is_better
    hib = None if pd.isna(hib) else bool(hib)
    own = values[values.kode.isin(seeds)].copy()
    own["peringkat"] = (own.nilai if hib is False else -own.nilai).rank(method="min").astype(int)
    me = own[own.kode == kode].iloc[0]
    order_key = "order_high" if hib is True else "order_low" if hib is False else "order_size"

    def message(lang: str) -> str:
        return TEXT(
            "m_compare",
            lang,
            name=nama,
            rank=fmt.ordinal(int(me.peringkat), lang),
            n=len(own),
            order=TEXT(order_key, lang),
            value=fmt.value(float(me.nilai), str(meta.unit_id), int(str(meta.decimals)), lang),
        )

    return Slide(
        page="bandingkan",
        params={
            "kota": nama,
            "bandingkan_indikator": _short(catalog, code, "id"),
            "bandingkan_tahun": str(year),
        },
        title=_both(
            lambda lang: TEXT("t_compare", lang, short=_short(catalog, code, lang), name=nama, year=year)
        ),
        message=_both(message),
    )


def _map_slide(fetch: Fetch, kode: str, nama: str) -> Slide | None:
    """The city's kecamatan map of the Peta page's default indicator, with the kecamatan that has
    the largest figure as the message."""
    try:
        maps = _builder("maps", "indicator_names")
    except Unavailable:
        return None
    catalog = fetch("map_kecamatan_indicators", kota=kode)
    if catalog.empty:
        return None
    names = {lang: maps.indicator_names(catalog, lang) for lang in ("id", "en")}
    code = next(iter(names["id"]))
    tahun = max(int(y) for y in catalog[catalog.indicator == code].tahun)
    values = fetch("map_kecamatan_values", kota=kode, indicator=code, tahun=tahun).dropna(subset=["nilai"])
    if values.empty:
        return None
    top = values.sort_values(["nilai", "nama"], ascending=[False, True]).iloc[0]
    meta = fetch("indicator_catalog").set_index("code").loc[code]

    def message(lang: str) -> str:
        unit = str(meta["unit_en" if lang == "en" else "unit_id"])
        value = fmt.value(float(top.nilai), unit, int(str(meta.decimals)), lang)
        return TEXT("m_map", lang, short=names[lang][code], name=nama, kec=str(top.nama), year=tahun,
                    value=value, n=len(values))  # fmt: skip

    return Slide(
        page="peta",
        params={"kota": nama, "peta_indikator": names["id"][code], "peta_tahun": str(tahun)},
        title=_both(lambda lang: TEXT("t_map", lang, short=names[lang][code], name=nama, year=tahun)),
        message=_both(message),
    )


EXAMPLE_TRENDS: tuple[str, ...] = ("ipm", "tpt")
EXAMPLE_COMPARES: tuple[str, ...] = ("ipm", "p0")


def example_deck(fetch: Fetch, kode: str) -> Deck:
    """The example deck of a seed city: its headline cards, trends and a comparison; every title
    and message is written from the warehouse's figures by the templates above."""
    regions = fetch("region_choices")
    row = regions[regions.kode == kode].iloc[0]
    nama, level = str(row.nama), str(row.level)
    catalog = fetch("indicator_catalog")
    slides: list[Slide] = []
    lead = headline_cards(kode, nama, level, Env(fetch, "id"))
    lead_en = headline_cards(kode, nama, level, Env(fetch, "en"))
    slides.append(
        Slide(
            page="ringkasan",
            params={"kota": nama},
            title=_both(lambda lang: TEXT("t_cards", lang, name=nama)),
            message={"id": lead[0].message, "en": lead_en[0].message} if lead else "",
        )
    )
    if (m := _map_slide(fetch, kode, nama)) is not None:
        slides.append(m)
    for trend, versus in zip(EXAMPLE_TRENDS, EXAMPLE_COMPARES, strict=True):
        if (s := _trend_slide(fetch, kode, nama, trend, catalog)) is not None:
            slides.append(s)
        if (c := _compare_slide(fetch, kode, nama, versus, catalog)) is not None:
            slides.append(c)
    return Deck(title=_both(lambda lang: TEXT("deck_title", lang, name=nama)), slides=tuple(slides))


def write_examples(fetch: Fetch, directory: Path = DECKS_DIR) -> list[Path]:
    """Write data/decks/<city>.json for the five seed cities."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for kode in config.SEED_CITIES:
        path = directory / f"{slug(kode)}.json"
        path.write_text(dumps(example_deck(fetch, kode)), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dalamangka.deck examples``: regenerate the example decks from the warehouse."""
    import tempfile

    import duckdb

    from dalamangka import sql, warehouse

    args = list(argv) if argv is not None else []
    if args != ["examples"]:
        print("usage: python -m dalamangka.deck examples")
        return 2
    # A fresh build of data/ (not a possibly stale data/warehouse.duckdb): the decks must state
    # exactly what the shipped data says.
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(warehouse.build(Path(tmp) / "decks.duckdb")), read_only=True)
        try:
            for p in write_examples(lambda name, **params: sql.run(con, name, **params)):
                print(p.relative_to(config.ROOT))
        finally:
            con.close()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
