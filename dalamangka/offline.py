"""The offline pack: a deck as one PDF (one page per slide) and a PNG per slide, for rooms
without a network. Rendered from the real charts: the app runs locally (``streamlit run``),
Chromium plays the deck on the Presentasi page, and each slide is captured as it is projected.

Each PDF page carries the slide's title and key message as text, the captured chart (or
headline cards), the QR code of the slide's view and the ``Sumber`` line, so the PDF can be
searched and its text checked. Needs Playwright (requirements-dev.txt) and Chromium
(``apt-get install chromium``; :data:`CHROMIUM`).
"""

from __future__ import annotations

import base64
import html
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dalamangka import config, deck, fmt
from dalamangka.i18n import Text

CHROMIUM = Path(os.environ.get("DALAMANGKA_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SCREENS: dict[str, tuple[int, int]] = {"720": (1280, 720), "1080": (1920, 1080)}

TEXT = Text(
    {
        "page_of": ("Slide {i} dari {n}", "Slide {i} of {n}"),
        "scan": ("Pindai untuk membuka di ponsel", "Scan to open on a phone"),
        "no_playwright": (
            "Paket luring perlu Playwright: pip install -r requirements-dev.txt",
            "The offline pack needs Playwright: pip install -r requirements-dev.txt",
        ),
        "no_chromium": (
            "Paket luring perlu Chromium di {path} (apt-get install chromium)",
            "The offline pack needs Chromium at {path} (apt-get install chromium)",
        ),
    }
)


class OfflineError(RuntimeError):
    """The pack could not be made (no browser, the app did not start, a slide did not draw)."""


@dataclass(frozen=True)
class Captured:
    """One slide as the projector showed it."""

    number: int
    title: str
    message: str
    source: str
    note: str
    url: str
    qr: str  # data URI
    chart_png: bytes | None
    slide_png: bytes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def app_server(warehouse: Path, public_url: str | None = None) -> Iterator[str]:
    """``streamlit run app.py`` on a free localhost port; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "DALAMANGKA_WAREHOUSE": str(warehouse)}
    if public_url:
        env["DALAMANGKA_PUBLIC_URL"] = public_url
    cmd = [sys.executable, "-m", "streamlit", "run", str(config.ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=config.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise OfflineError("streamlit did not start") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def play_url(base: str, d: deck.Deck, slide_no: int, screen: str, lang: str) -> str:
    """The Presentasi link that plays ``d`` (packed into the link) from slide ``slide_no``."""
    url = deck.deck_url(d, base, slide_no) + f"&layar={screen}"
    return url + ("&lang=English" if lang == "en" else "")


def capture(page: Any, base: str, d: deck.Deck, screen: str = "720", lang: str = "id") -> list[Captured]:
    """Play the deck in a Playwright page and capture every slide (ArrowRight between slides)."""
    n = len(d.slides)
    page.goto(play_url(base, d, 1, screen, lang), timeout=90_000)
    shots = []
    for i in range(1, n + 1):
        if i > 1:
            page.keyboard.press("ArrowRight")
        page.wait_for_selector(f'.kda-slide[data-slide="{i}"]', timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        chart = None
        kind = page.locator(".kda-slide").first.get_attribute("data-kind")
        if kind == "figure":
            page.wait_for_selector(".js-plotly-plot .main-svg, .vega-embed svg", timeout=60_000)
            page.wait_for_timeout(300)  # plotly's (or Vega's) first layout pass
            drawn = '[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]'
            chart = page.locator(drawn).first.screenshot()
        elif kind == "cards":
            chart = page.locator(".kda-cards").first.screenshot()

        def text_of(selector: str) -> str:
            loc = page.locator(selector)
            return str(loc.first.inner_text()).strip() if loc.count() else ""

        shots.append(
            Captured(
                number=i,
                title=text_of(".kda-slide-title"),
                message=text_of(".kda-slide-message"),
                source=text_of(".kda-slide-source"),
                note=text_of(".kda-slide-note"),
                url=str(page.locator(".kda-qr").first.get_attribute("data-url") or ""),
                qr=str(page.locator(".kda-qr img").first.get_attribute("src") or ""),
                chart_png=chart,
                slide_png=page.screenshot(),
            )
        )
    return shots


PAGE_CSS = """
@page { size: 13.333in 7.5in; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Source Sans Pro", "DejaVu Sans", Arial, sans-serif; color: #000; }
section { width: 13.333in; height: 7.5in; padding: 0.35in 0.45in 0.3in; page-break-after: always;
  display: grid; grid-template-columns: 1fr 1.6in; grid-template-rows: auto 1fr auto; gap: 0.12in 0.3in;
  overflow: hidden; }
section:last-child { page-break-after: auto; }
header { grid-column: 1 / 3; }
h1 { font-size: 30pt; line-height: 1.1; margin: 0; }
.message { font-size: 18pt; margin: 0.08in 0 0; }
.chart { grid-column: 1; grid-row: 2; display: flex; align-items: center; justify-content: center;
  min-height: 0; }
.chart img { max-width: 100%; max-height: 100%; object-fit: contain; }
.note { font-size: 18pt; border-left: 6px solid #D55E00; padding: 0.1in 0.2in; }
aside { grid-column: 2; grid-row: 2; text-align: center; font-size: 9pt; }
aside img { width: 1.5in; height: 1.5in; image-rendering: pixelated; }
aside .count { font-size: 14pt; font-weight: 700; margin-top: 0.1in; }
.url { font-size: 7pt; word-break: break-all; }
footer { grid-column: 1 / 3; font-size: 11pt; }
"""


def pack_html(shots: list[Captured], lang: str = "id") -> str:
    """One HTML page per slide (16:9), for Chromium to print as the PDF."""
    n = len(shots)
    sections = []
    for s in shots:
        chart = ""
        if s.chart_png is not None:
            chart = (
                f'<img alt="" src="data:image/png;base64,{base64.b64encode(s.chart_png).decode("ascii")}">'
            )
        note = f'<div class="note">{html.escape(s.note)}</div>' if s.note else ""
        count = TEXT("page_of", lang, i=fmt.number(s.number), n=fmt.number(n))
        message = f'<p class="message">{html.escape(s.message)}</p>' if s.message else ""
        sections.append(
            "<section>"
            f"<header><h1>{html.escape(s.title)}</h1>{message}</header>"
            f'<div class="chart">{chart}{note}</div>'
            f'<aside><img alt="QR" src="{html.escape(s.qr)}"><div>{html.escape(TEXT("scan", lang))}</div>'
            f'<div class="count">{html.escape(count)}</div>'
            f'<div class="url">{html.escape(s.url)}</div></aside>'
            f"<footer>{html.escape(s.source)}</footer>"
            "</section>"
        )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{PAGE_CSS}</style></head><body>"
        + "".join(sections)
        + "</body></html>"
    )


def make_pack(
    d: deck.Deck,
    out_pdf: Path,
    png_dir: Path | None = None,
    screen: str = "720",
    lang: str = "id",
    warehouse: Path | None = None,
) -> list[Captured]:
    """Write the deck's PDF (one page per slide) and, if asked, one PNG per slide."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise OfflineError(TEXT("no_playwright", lang)) from None
    if not CHROMIUM.exists():
        raise OfflineError(TEXT("no_chromium", lang, path=CHROMIUM))
    if not d.slides:
        raise OfflineError("empty deck")
    path = warehouse or config.warehouse_path()
    if not path.exists():
        from dalamangka import warehouse as wh

        wh.build(path)
    width, height = SCREENS.get(screen, SCREENS["720"])
    with app_server(path, deck.public_url()) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1.5)
            shots = capture(page, base, d, screen, lang)
            printer = browser.new_page()
            printer.set_content(pack_html(shots, lang), wait_until="load")
            out_pdf.parent.mkdir(parents=True, exist_ok=True)
            printer.pdf(path=str(out_pdf), width="13.333in", height="7.5in", print_background=True)
        finally:
            browser.close()
    if png_dir is not None:
        png_dir.mkdir(parents=True, exist_ok=True)
        for s in shots:
            (png_dir / f"slide_{s.number:02d}.png").write_bytes(s.slide_png)
    return shots


def add_arguments(parser: Any) -> None:
    """The ``deck-pdf`` subcommand's arguments (``python -m dalamangka deck-pdf DECK.json OUT.pdf``)."""
    parser.add_argument("deck", type=Path, help="berkas dek (.json), mis. data/decks/medan.json")
    parser.add_argument("out", type=Path, help="berkas PDF keluaran")
    parser.add_argument("--png", type=Path, default=None, help="folder untuk satu PNG per slide")
    parser.add_argument("--layar", choices=tuple(SCREENS), default="720", help="ukuran layar (720 atau 1080)")
    parser.add_argument("--lang", choices=("id", "en"), default="id")


def cli(args: Any) -> int:
    """Run ``deck-pdf``: print where the pack went and how many pages it has."""
    try:
        d = deck.loads(Path(args.deck).read_text(encoding="utf-8"))
        shots = make_pack(d, Path(args.out), args.png, args.layar, args.lang)
    except (OSError, deck.DeckError, OfflineError) as e:
        print(f"Gagal membuat paket luring: {e}", file=sys.stderr)
        return 1
    print(f"{args.out}: {len(shots)} halaman (satu per slide).")
    if args.png is not None:
        print(f"{args.png}: {len(shots)} PNG.")
    return 0
