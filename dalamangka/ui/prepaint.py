"""Draw the seed cities' phone first paints before the room arrives (``serve`` starts this).

A chart's first paint (:mod:`dalamangka.firstpaint`) is drawn the first time a view is opened; a
view whose picture takes longer than the page waits (the Kualitas heat map: 1.6 s) has none on
that first visit. In an FGD the room opens the seed cities' pages, so ``serve`` runs this module
once, at low priority, after its replicas are up: every chart page's first screen of each seed
city is run the way a phone opens it (Streamlit's ``AppTest``, the app's own pages and URL
state, so each spec is exactly the page's), and its picture lands in ``serve``'s shared picture
folder, where every replica finds it. Then each view is opened once more as a new session's
first run, as linked and by its canonical URL: that records its first screen for ``serve``'s
page shell (:mod:`dalamangka.firstscreen`), so the first phone on a seed city's link sees its
chart before Streamlit has started.

    python -m dalamangka.ui.prepaint [--cities 1275 1671] [--pages tren kualitas]

It writes nothing but pictures (the folder named by ``DALAMANGKA_FIRSTPAINT_CACHE``; without it,
it does nothing) and first screens (``DALAMANGKA_FIRSTSCREEN``). A page that fails is logged and
skipped: the pages still work without it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dalamangka import config, firstpaint, firstscreen

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

log = logging.getLogger(__name__)

# (page script, URL parameters besides kota): the chart pages' first screens
VIEWS: dict[str, tuple[str, dict[str, str]]] = {
    "ringkasan": ("pages/ringkasan.py", {}),  # no chart: only its first screen (the first cards)
    "tren": ("pages/tren.py", {}),
    "bandingkan": ("pages/bandingkan.py", {}),
    "peta": ("pages/peta.py", {}),
    "peta-nasional": ("pages/peta.py", {"tampilan": "nasional"}),
    "kualitas": ("pages/kualitas.py", {}),
}
PAGE_TIMEOUT_S = 120
CITIES_ENV = config.PREPAINT_CITIES_ENV
_components: list[Any] | None = None  # Streamlit's component scan, done once (_scan_once)


def _scan_once() -> None:
    """Each new ``AppTest`` scans every installed package's metadata for Streamlit components
    (~170 ms: 1,700 metadata files here), though nothing is installed while this process runs:
    scan once per process. A Streamlit without that scanner is left as it is."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # pragma: no cover - another Streamlit version
        return
    scan = manifest_scanner.scan_component_manifests
    if getattr(scan, "__name__", "") == "_scanned":
        return

    def _scanned(max_workers: int | None = None) -> list[Any]:
        global _components
        if _components is None:
            _components = scan(max_workers)
        return list(_components)

    manifest_scanner.scan_component_manifests = _scanned


def open_view(page: str | None, params: dict[str, str], timeout_s: float = PAGE_TIMEOUT_S) -> AppTest:
    """Run the app as a link with ``params`` opens ``page`` (app.py first, then the page; None:
    the app's own first page); the page tests open pages the same way (tests/conftest.py)."""
    from streamlit.testing.v1 import AppTest

    _scan_once()
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=timeout_s)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        for key, value in params.items():  # the link opens this page (the first run rewrote the URL)
            at.query_params[key] = value
        at.run()
    return at


def first_run(page: str, params: dict[str, str], timeout_s: float = PAGE_TIMEOUT_S) -> AppTest:
    """Run ``page`` as a new session's first run with the URL ``params``: how a phone opens a
    link (the session's first run is the one that records the URL's first screen, ui/screen.py).
    The app's page paths are the page files' names, so AppTest finds the page before a run."""
    from streamlit.testing.v1 import AppTest

    _scan_once()
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=timeout_s)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    return at


def run(cities: Sequence[str], views: Sequence[str], drain_s: float = 300) -> tuple[int, int]:
    """City by city: open every view, wait for the pictures still being drawn (up to ``drain_s``),
    then open each again as a new session's first run: as linked (``kota=<code>``), by its
    canonical URL (what a shared link or the page's own address carries), the bare address
    ``/?kota=<code>``, and for the default city each page's path alone and ``/`` (what a room
    types). With ``serve``'s first-screen folder set, those runs record the views' first screens
    (dalamangka.firstscreen). Returns (views that ran, views that failed)."""
    ok = failed = 0
    for kode in cities:  # city by city: a long list (serve --kota 19) never outruns the pictures
        links: list[tuple[str | None, dict[str, str]]] = [(None, {"kota": kode})]  # "/?kota=": Ringkasan
        for name in views:
            page, extra = VIEWS[name]
            try:
                at = open_view(page, {"kota": kode, **extra})
                if not at.exception:
                    ok += 1
                    given = {"kota": kode, **extra}
                    links.append((page, given))
                    rewritten = dict(at.query_params.items())  # the canonical URL the page wrote
                    if rewritten != given and all(isinstance(v, str) for v in rewritten.values()):
                        links.append((page, {k: str(v) for k, v in rewritten.items()}))
                    continue
                log.warning("prepaint: %s for %s showed an error", name, kode)
            except Exception as e:  # a page that cannot run here is the page's own test's business
                log.warning("prepaint: %s for %s failed: %s", name, kode, e)
            failed += 1
        if kode == config.DEFAULT_CITY:  # a page's path alone opens the default city
            links += [(None, {})] + [(VIEWS[name][0], dict(VIEWS[name][1])) for name in views]
        firstpaint.drain(drain_s)
        _record(links)
    return ok, failed


def _record(links: Sequence[tuple[str | None, dict[str, str]]]) -> None:
    """Open each link as a new session's first run (``None``: the bare address ``/``), which
    records its first screen when ``serve``'s folder is set."""
    if firstscreen.root() is None:
        return
    for linked, params in links:
        try:
            if linked is None:
                open_view(None, params)
            else:
                first_run(linked, params)
        except Exception as e:  # no first screen for this link: its page loads as before
            log.warning("prepaint: first screen of %s %s failed: %s", linked or "/", params, e)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dalamangka.ui.prepaint", description=__doc__.splitlines()[0])
    # CITIES_ENV (comma-separated codes, set by `serve --kota`) replaces the five seed cities
    cities = [c for c in os.environ.get(CITIES_ENV, "").split(",") if c.strip()] or list(config.SEED_CITIES)
    p.add_argument("--cities", nargs="+", default=cities, help="kode BPS (bawaan: 5 kota percontohan)")
    p.add_argument("--pages", nargs="+", default=list(VIEWS), choices=list(VIEWS), help="halaman")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not firstpaint.enabled():
        log.info("prepaint: %s=0 (gambar pertama mati); tidak ada yang digambar.", firstpaint.ENABLED_ENV)
        return 0
    if not os.environ.get(firstpaint.SHARED_ENV):
        log.info("prepaint: %s belum diatur; tidak ada yang digambar.", firstpaint.SHARED_ENV)
        return 0
    with contextlib.suppress(OSError):
        os.nice(10)  # the room's phones come first
    t0 = time.monotonic()
    ok, failed = run(args.cities, args.pages)
    log.info("prepaint: %d tampilan dalam %.0f detik (%d gagal).", ok, time.monotonic() - t0, failed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
