"""Decks for FGDs: an ordered list of saved views, each with a title and a key message, played
full screen on the Presentasi page. Pure functions, no Streamlit.

A slide is ``{"page": "ringkasan"|"peta"|"tren"|"bandingkan"|"kepuasan", "params": {canonical URL state of
that view (codes, see dalamangka.state)}, "title": ..., "message": ...}``; titles and messages are
a string or ``{"id": ..., "en": ...}``. A deck is a small JSON file (download, load again).

What only a deck does lives here: its list of views, links and QR addresses, the example decks.
A slide is drawn by the page's own view builder (:mod:`dalamangka.views`): :func:`render` decodes
the slide's params, builds the same :class:`~dalamangka.views.View` the page draws, and restyles
its figure for the projector. Old decks with label-style params still decode.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import ipaddress
import json
import os
import re
import socket
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go

from dalamangka import config, headline, projector, state
from dalamangka.i18n import COMMON, Text
from dalamangka.views import View

FORMAT = "dalamangka-deck"
VERSION = 1
PAGES: tuple[str, ...] = ("ringkasan", "peta", "tren", "bandingkan", "kepuasan")
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
        "failed": (
            "Slide ini tidak dapat digambar ({detail}). Tidak ada angka yang ditebak; buka tautannya.",
            "This slide could not be drawn ({detail}). No figure is guessed; open its link.",
        ),
        "no_data": (
            "Tidak ada data untuk tampilan ini di gudang data.",
            "The warehouse has no data for this view.",
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
            "halaman Ringkasan, Peta, Tren, Bandingkan atau Kepuasan layanan, atau muat berkas dek.",
            'This deck has no slides yet. Add views with the "Add to presentation" button on the '
            "Overview, Map, Trends, Compare or Service satisfaction pages, or load a deck file.",
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
        "offline_command": ("Paket luring: perintah untuk satu PDF", "Offline pack: the command for one PDF"),
        "serve_command": (
            "Perintah untuk melayani ponsel di ruangan",
            "The command that serves the phones in the room",
        ),
        "offline": (
            "Paket luring (ruangan tanpa jaringan): satu PDF, satu halaman per slide, dari grafik asli:",
            "Offline pack (rooms without a network): one PDF, one page per slide, from the real charts:",
        ),
        "qr_too_long": (
            "Tautan ini terlalu panjang untuk kode QR yang dapat dipindai dari jauh; salin tautannya.",
            "This link is too long for a QR code that scans from a distance; copy the link instead.",
        ),
        "loopback": (
            "Kode QR dan tautan di halaman ini menunjuk ke {base}, alamat laptop ini sendiri: ponsel di "
            "ruangan tidak dapat membukanya. Jalankan aplikasi untuk jaringan ruangan dengan perintah di "
            "bawah (laptop dan ponsel di Wi-Fi yang sama), lalu buka aplikasi di laptop lewat "
            "{room}, bukan localhost.",
            "The QR codes and links on this page point at {base}, this laptop's own address: phones in "
            "the room cannot open it. Serve the app to the room's network with the command below (laptop "
            "and phones on the same Wi-Fi), then open the app on the laptop at {room}, not localhost.",
        ),
        "your_ip": ("ALAMAT-IP-LAPTOP", "LAPTOP-IP-ADDRESS"),
        "full_page": ("Buka halaman {page} lengkap", "Open the full {page} page"),
        "keys": (
            "Tombol panah kanan/kiri (atau PageDown/PageUp dari clicker presentasi) berpindah slide, "
            "Esc keluar.",
            "Right/left arrow keys (or a presentation clicker's PageDown/PageUp) change slides, Esc leaves.",
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
    name, ``saya`` (the session's own deck), ``s:<id>`` (a deck stored for short links) or
    ``z:<packed deck>`` from a shared link.
    Returns (key, deck, problem); an unreadable link falls back to ``default`` with the problem."""
    if default not in shipped:  # a city without an example deck: the session's own, or the first
        default = MINE if mine.slides or not shipped else next(iter(shipped))
    fallback = shipped.get(default, mine)
    if key and key.startswith("z:"):
        try:
            return key, decode(key[2:]), ""
        except DeckError as e:
            return default, fallback, str(e)
    if key and key.startswith("s:"):
        try:
            return key, stored(key[2:]), ""
        except DeckError as e:
            return default, fallback, str(e)
    if key == MINE:
        return MINE, mine, ""
    if key and key in shipped:
        return key, shipped[key], ""
    return default, fallback, ""


STORE_DIR = config.DATA_DIR / "decks_shared"  # git-ignored deployment data, like data/imports/
_STORE_ID = re.compile(r"[0-9a-f]{10}")


def store_dir() -> Path:
    return Path(os.environ.get("DALAMANGKA_DECK_STORE", str(STORE_DIR)))


def store(d: Deck, directory: Path | None = None) -> str:
    """Keep a deck on the server under a short id (the first 10 hex digits of its content's
    SHA-256), so a slide's QR code holds ``dek=s:<id>&slide=N`` instead of the whole deck.
    Written atomically; the same deck always gets the same id."""
    import hashlib
    import tempfile

    directory = directory or store_dir()
    raw = dumps(d).encode("utf-8")
    key = hashlib.sha256(raw).hexdigest()[:10]
    target = directory / f"{key}.json"
    if not target.exists():
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=directory, suffix=".tmp", delete=False) as tmp:
            tmp.write(raw)
        os.replace(tmp.name, target)
    else:  # shared again: its age (decks_gc removes old shared decks) counts from today
        with contextlib.suppress(OSError):
            os.utime(target)
    return key


def stored(key: str, directory: Path | None = None) -> Deck:
    """A deck kept by :func:`store`; :class:`DeckError` for an unknown or malformed id."""
    if not _STORE_ID.fullmatch(key):
        raise DeckError("unknown deck id")
    path = (directory or store_dir()) / f"{key}.json"
    try:
        return loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise DeckError("unknown deck id") from None


def landing_url(base: str, key: str, slide_no: int, lang: str) -> str:
    """The short link a slide's QR code holds: the phone landing view of that slide."""
    return f"{base.rstrip('/')}/presentasi?" + urlencode(
        {"dek": key, "slide": str(slide_no), "lihat": "1", "lang": lang}
    )


def phone_style(fig: go.Figure) -> go.Figure:
    """A copy of a page's figure for a 390 px phone: legend under the chart, few ticks (never
    collapsed into each other), compact margins; the data are untouched."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    is_map = any(t.type in ("choropleth", "choroplethmap", "choroplethmapbox") for t in out.data)
    out.update_layout(
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.18,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 12},
        },
        margin={"l": 8, "r": 8, "t": 40, "b": 8},
        height=560 if is_map else 440,
        font={"size": 13},
        title={"font": {"size": 14}},
    )
    # a bar chart's category axis keeps every label (nticks would drop every other category)
    bars = {t.orientation or "v" for t in out.data if t.type == "bar"}
    if not is_map:
        # a page's year axis may list every year (tickvals/dtick): on a phone they run together
        if "v" not in bars:
            out.update_xaxes(tickmode="auto", tickvals=None, ticktext=None, dtick=None, nticks=5,
                             automargin=True, tickangle=0)  # fmt: skip
        out.update_yaxes(automargin=True, **({} if "h" in bars else {"nticks": 6}))
    return out


def table(d: Deck, lang: str, base: str | None = None) -> pd.DataFrame:
    """The deck's slides as a table for the manager: number, page, title, key message, link."""
    t = TEXT_UI
    return pd.DataFrame(
        {
            t("col_no", lang): list(range(1, len(d.slides) + 1)),
            t("col_page", lang): [COMMON("page_" + s.page, lang) for s in d.slides],
            t("col_title", lang): [text(s.title, lang) for s in d.slides],
            t("col_message", lang): [text(s.message, lang) for s in d.slides],
            t("col_link", lang): [slide_url(s, base, lang) for s in d.slides],
        }
    )


# --- links --------------------------------------------------------------------------------------


# The app's page paths (docs: GUIDE "Page paths"); a browser address ending in one is a page.
PAGE_PATHS = frozenset({"ringkasan", "peta", "tren", "bandingkan", "presentasi", "katalog", "kualitas",
                        "impor", "kepuasan", "catatan", "beranda"})  # fmt: skip


def public_url(browser_url: str | None = None) -> str:
    """The base URL phones open: ``DALAMANGKA_PUBLIC_URL`` if set, else the address the
    presenter's browser is using (``st.context.url``, without its page path), else
    http://localhost:8501."""
    configured = os.environ.get("DALAMANGKA_PUBLIC_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    if not browser_url:
        return DEFAULT_PUBLIC_URL
    root = browser_url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    head, _, last = root.rpartition("/")
    return head if last in PAGE_PATHS and "//" in head else root


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine only (a phone in the room cannot open it)."""
    host = (urlsplit(url).hostname or "").strip("[]")
    if host in ("localhost", "0.0.0.0", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str | None:
    """This laptop's address on the room's network (no packet is sent: a UDP socket is only
    pointed at a private address to learn which interface would be used), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.254.254.254", 1))
            address = str(sock.getsockname()[0])
    except OSError:
        return None
    return None if ipaddress.ip_address(address).is_loopback else address


def serve_command(port: int | None, address: str | None) -> str:
    """The exact command that serves the app on the room's network, with the address to open."""
    p = port or 8501
    cmd = f"streamlit run app.py --server.address 0.0.0.0 --server.port {p}"
    if address:
        cmd = f"DALAMANGKA_PUBLIC_URL=http://{address}:{p} " + cmd
    return cmd


def slide_params(slide: Slide, lang: str, v: state.Vocab) -> tuple[state.Common, Any, list[str]]:
    """The slide's decoded state (old label-style params too) in the presenter's language."""
    d = state.decode(slide.page, slide.params, v, state.Common(lang=lang))
    return state.Common(d.common.kota, lang), d.state, list(d.notices)


def slide_url(slide: Slide, base: str | None = None, lang: str | None = None) -> str:
    """The view's own link: ``<base>/<page>?<params>`` (lists as repeated parameters)."""
    root = (base if base is not None else public_url()).rstrip("/")
    params = dict(slide.params)
    if lang is not None:
        params["lang"] = lang
    query = urlencode(list(_pairs(params)))
    return f"{root}/{slide.page}" + (f"?{query}" if query else "")


def _pairs(params: Mapping[str, str | list[str]]) -> list[tuple[str, str]]:
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


def view_slide(view: View, title: Localised = "", message: Localised = "") -> Slide:
    """A slide of a built view: its resolved state in canonical form, without the language
    (the presenter's language switch decides it)."""
    params = state.encode(view.common, view.state)
    params.pop("lang", None)
    return Slide(view.page, params, title or view.title, message)


# --- rendering ----------------------------------------------------------------------------------


@dataclass
class Rendered:
    """One slide, ready to draw: the page's view with the slide's title and message, the figure
    restyled for the projector, and the link of the view.

    ``note`` is set when the slide cannot show its chart (no data); the slide then shows the
    note in place of the chart, and never a made-up figure.
    """

    page: str
    title: str
    message: str
    url: str
    source: str = ""
    figure: Any = None  # plotly Figure (projector style) or a Vega-Lite spec
    cards: list[Any] = field(default_factory=list)
    note: str = ""
    caption: str = ""
    view: View | None = None

    @property
    def has_chart(self) -> bool:
        return self.figure is not None or bool(self.cards)


@dataclass
class Env:
    """What a slide needs: the data, the language, the chart height, and (in the app) the
    cached shapes of the Peta page."""

    fetch: Fetch
    lang: str
    height: int = projector.HEIGHTS["720"]
    shapes: Callable[..., dict[str, Any]] | None = None
    vocab: state.Vocab | None = None

    def words(self) -> state.Vocab:
        if self.vocab is None:
            self.vocab = state.vocab(self.fetch)
        return self.vocab


def build_view(page: str, common: state.Common, page_state: Any, env: Env) -> View:
    """The page's own view builder (the same call the page makes)."""
    from dalamangka.views import bandingkan, kepuasan, peta, ringkasan, tren

    if page == "peta":
        return peta.build(common, page_state, env.fetch, shapes=env.shapes)
    builders: dict[str, Callable[..., View]] = {
        "ringkasan": ringkasan.build, "tren": tren.build, "bandingkan": bandingkan.build,
        "kepuasan": kepuasan.build,
    }  # fmt: skip
    return builders[page](common, page_state, env.fetch)


def render(slide: Slide, env: Env, base: str | None = None) -> Rendered:
    """Draw one slide through the page's view builder. Never raises for a damaged slide: it
    gives a clear note and the view's link instead of a chart."""
    lang = env.lang
    out = Rendered(page=slide.page, title=text(slide.title, lang), message=text(slide.message, lang),
                   url=slide_url(slide, base, lang))  # fmt: skip
    try:
        _, refused = state.decode_common({k: v for k, v in slide.params.items() if k == "kota"}, env.words())
        if refused:  # a slide about an unknown region is refused, never shown for another one
            out.note = " ".join(refused)
            return out
        common, page_state, notices = slide_params(slide, lang, env.words())
        view = build_view(slide.page, common, page_state, env)
        figure = view.figure
    except (LookupError, ValueError, TypeError, AttributeError) as e:
        out.note = TEXT("failed", lang, detail=f"{type(e).__name__}: {str(e).strip(chr(39))}"[:200])
        return out
    out.view = view
    out.url = state.link(slide.page, common, view.state, base if base is not None else public_url())
    out.title = out.title or view.title
    out.message = out.message or view.message
    out.cards = view.cards[:MAX_CARDS]
    # a slide of headline cards names the sources of the cards it shows, each once
    out.source = headline.source_line(out.cards, lang) if out.cards else view.source
    out.note = view.empty if figure is None and not out.cards else ""
    out.caption = " ".join([*notices, *view.notices, *view.notes])
    if isinstance(figure, dict):  # a Vega-Lite spec (issue 14): the projector variant, as a restyled copy
        if callable(view.extra.get("projected_figure")):
            figure = view.extra["projected_figure"]()  # the view's own projector variant (fixed height)
        else:
            figure = projector.style_spec(figure, lang, env.height)
        figure["usermeta"] = {**figure.get("usermeta", {}), "slide_url": out.url}
    elif figure is not None:
        figure = projector.style(go.Figure(copy.deepcopy(figure.to_dict())), lang, env.height)
        figure.update_layout(meta={"slide_url": out.url})  # which view the drawn chart is
    out.figure = figure
    return out


# --- the example decks (built only from the warehouse) ------------------------------------------


def _both(make: Callable[[str], str]) -> dict[str, str]:
    return {"id": make("id"), "en": make("en")}


def _example(page: str, kode: str, page_state: Any, fetch: Fetch) -> Slide | None:
    """A slide of the view, titled and messaged by the view itself in both languages (the
    templates live with the page's builder); None when the view has no key message to state."""
    env = {lang: Env(fetch, lang) for lang in ("id", "en")}
    views = {lang: build_view(page, state.Common(kode, lang), page_state, env[lang]) for lang in env}
    if (views["id"].make_figure is None and not views["id"].cards) or not views["id"].message:
        return None
    return view_slide(
        views["id"], {k: v.title for k, v in views.items()}, {k: v.message for k, v in views.items()}
    )


def _full_year(fetch: Fetch, code: str) -> int | None:
    """The latest year in which every seed city has a figure (so the bars compare all five)."""
    for y in sorted((int(t) for t in fetch("compare_years", indicator=code).tahun), reverse=True):
        if set(config.SEED_CITIES) <= set(fetch("compare_values", indicator=code, tahun=y).kode):
            return y
    return None


EXAMPLE_TRENDS: tuple[str, ...] = ("ipm", "tpt")
EXAMPLE_COMPARES: tuple[str, ...] = ("ipm", "p0")


def example_deck(fetch: Fetch, kode: str) -> Deck:
    """The example deck of a seed city: its headline cards, kecamatan map, trends and
    comparisons among the five pilot cities; every title and message is written from the
    warehouse's figures by the views' own templates."""
    regions = fetch("region_choices")
    nama = str(regions[regions.kode == kode].nama.iloc[0])
    wanted: list[tuple[str, Any]] = [("ringkasan", state.Ringkasan()), ("peta", state.Peta())]
    for trend, versus in zip(EXAMPLE_TRENDS, EXAMPLE_COMPARES, strict=True):
        wanted.append(("tren", state.Tren(ind=trend)))
        if (year := _full_year(fetch, versus)) is not None:
            wanted.append(("bandingkan", state.Bandingkan(ind=versus, tahun=year)))
    slides = [s for page, st8 in wanted if (s := _example(page, kode, st8, fetch)) is not None]
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

    from dalamangka import sql, warehouse

    args = list(argv) if argv is not None else []
    if args != ["examples"]:
        print("usage: python -m dalamangka.deck examples")
        return 2
    # A fresh build of data/ (not a possibly stale data/warehouse.duckdb): the decks must state
    # exactly what the shipped data says.
    with tempfile.TemporaryDirectory() as tmp:
        con = warehouse.open_read_only(warehouse.build(Path(tmp) / "decks.duckdb"))
        try:
            for p in write_examples(lambda name, **params: sql.run(con, name, **params)):
                print(p.relative_to(config.ROOT))
        finally:
            con.close()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
