"""A chart's first paint on a phone: the same Vega-Lite spec, drawn to SVG on the server by Vega
itself (``vl-convert``: Vega and Vega-Lite in a bundled Deno runtime, nothing downloaded), shown
at once while the phone loads and compiles Vega, and hidden the moment the interactive chart has
drawn (issue 14).

Why: on the phone profile (4× slower CPU, 150 ms round trips) Streamlit's Vega chart arrives
1.4–2 s after the page itself: its ~25 JavaScript chunks are requested only when the chart's
element arrives, queue behind the widgets' chunks on six HTTP/1.1 connections, and Vega then
compiles and renders on the slow CPU. The SVG is one more element of the page's first render.

- Rendered at the phone's chart width (:data:`PHONE_WIDTH`), the height the spec asks for (a map:
  the height its shapes need at that width, :func:`dalamangka.mapfit.fitted_height`); shown
  only on narrow screens (CSS ``@media (max-width: NARROW_MAX px)``): a desktop draws Vega within
  a fraction of a second, and a line chart cannot be stretched to another width.
- The picture is Vega's own rendering of the very spec the page draws: the same figures, axes,
  id-ID number format and colours. It is drawn as an ``<img>`` of the SVG (a ``data:`` URL, the
  view's title as its ``alt``) through ``st.html``: its sanitiser keeps images (it strips inline
  SVG), and the browser decodes one image natively instead of building hundreds of DOM nodes on
  a slow phone. Measured on the phone profile, the same picture through ``st.markdown`` came
  0.3–1 s later (the markdown parser reads the long data URL character by character) and on
  Bandingkan sometimes after Vega itself.
- Anything vl-convert cannot draw gives ``None``: the page then shows the interactive chart only,
  as before. Never a partial picture.

No Streamlit here; :func:`dalamangka.ui.draw_figure` draws it.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dalamangka import firstscreen, fmt, mapfit, vlrender

log = logging.getLogger(__name__)

PHONE_WIDTH = 358  # CSS px: the chart's width on a 390 px phone (Streamlit's 16 px padding each side)
PADDING = {"left": 5, "top": 5, "right": 18, "bottom": 5}  # px; Vega's default is 5 all round
NARROW_MAX = firstscreen.NARROW_MAX  # px: at most this viewport width the first paint is shown
VL_VERSION = vlrender.VL_VERSION
CACHE_SIZE = 64
CLASS = "kda-fp"
# hidden once the interactive chart has drawn (CSS :has); on wide screens never shown, nor on a
# browser without :has (it could not hide the picture again: it draws the interactive chart only)
CSS = (
    f"<style>.{CLASS}{{display:none;width:100%;object-fit:contain;object-position:left top}}"
    f"@supports selector(:has(a)){{@media (max-width:{NARROW_MAX}px){{.{CLASS}{{display:block}}"
    f"[class*='st-key-kdafp_']:has(.vega-embed svg,.vega-embed canvas) .{CLASS}{{display:none}}}}}}"
    "</style>"
)

# How long a view waits for its picture (s). Most take 50–250 ms; one that takes longer (the
# Kualitas heat map: 1.6 s) is finished in the background for the next view, and this view
# draws the interactive chart only: a first paint never holds a page back by more than this.
WAIT_S = float(os.environ.get("DALAMANGKA_FIRSTPAINT_WAIT_S", "0.4"))
# "0" switches first paints off (no renderer process, every chart interactive only): a server
# that no phone opens saves the renderer's CPU (0.05-1.6 s per new view). Read on every call.
ENABLED_ENV = "DALAMANGKA_FIRSTPAINT"
_lock = threading.Lock()  # guards the cache and the renders in flight
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="firstpaint")  # waits for the renderer
_renderer = vlrender.Renderer()  # one Vega runtime, in a process of its own (vlrender.py)
atexit.register(_renderer.close)
# Pictures shared by the processes of one ``serve`` (it sets the folder, a temporary one removed
# when it stops): a picture one replica drew is there for the others' next views. Unset (a laptop's
# ``streamlit run``, one process): memory only.
SHARED_ENV = "DALAMANGKA_FIRSTPAINT_CACHE"
_cache: OrderedDict[str, str | None] = OrderedDict()
_pending: dict[str, Future[str | None]] = {}
_ATTR = re.compile(r'\s(?:aria-[a-z]+|role)="[^"]*"')
_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(width|height)="([0-9.]+)"')
_PATH = re.compile(r'\sd="([^"]*)"')
_DECIMALS = re.compile(r"-?\d+\.\d{2,}")


def enabled() -> bool:
    """First paints are drawn unless :data:`ENABLED_ENV` is ``"0"``."""
    return os.environ.get(ENABLED_ENV, "1") != "0"


def _round(m: re.Match[str]) -> str:
    return f"{float(m.group()):.1f}".removesuffix(".0")


def _short_paths(svg: str) -> str:
    """Path coordinates to 0.1 px (Vega writes 0.001 px): a map's picture is a third smaller."""
    return _PATH.sub(lambda m: f' d="{_DECIMALS.sub(_round, m.group(1))}"', svg)


def _key(spec: dict[str, Any]) -> str:
    text = json.dumps(spec, sort_keys=True, default=str, allow_nan=False)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _render(spec: dict[str, Any]) -> str:
    """In the render thread: the spec drawn in the renderer process (:mod:`dalamangka.vlrender`;
    started on first use, and again after it died)."""
    return _renderer.svg(spec)


def _shared(key: str) -> Path | None:
    folder = os.environ.get(SHARED_ENV)
    return Path(folder) / f"{key}.img" if folder else None


def _read_shared(key: str) -> str | None:
    path = _shared(key)
    try:
        return path.read_text(encoding="utf-8") if path is not None else None
    except OSError:
        return None


def _write_shared(key: str, img: str) -> None:
    """Written whole (a temporary file renamed), so another process never reads half a picture."""
    path = _shared(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{key}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(img, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:  # a full or read-only disk: memory only
        log.warning("first paint not shared: %s", e)


def _remember(key: str, out: str | None) -> None:
    """Into the memory cache (under ``_lock``), the oldest out beyond :data:`CACHE_SIZE`."""
    _cache[key] = out
    _pending.pop(key, None)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


def _draw(sized: dict[str, Any], label: str, key: str) -> str | None:
    """In the render thread: draw, tidy, cache (``None`` too: not tried again in this process;
    only pictures are shared with the other processes)."""
    out = _read_shared(key)
    if out is None:
        try:
            out = tidy(_render(sized), label)
        except Exception as e:  # vl-convert missing or the spec beyond it: the page draws Vega only
            log.warning("first paint skipped: %s", e)
            out = None
        if out is not None:
            _write_shared(key, out)
    with _lock:
        _remember(key, out)
    return out


def tidy(svg: str, label: str) -> str | None:
    """Vega's SVG as one ``<img>`` (:data:`CLASS`): ``alt`` is ``label``, the height is the one Vega
    drew (the page does not move when the interactive chart replaces it), the width the
    container's (scaled down, never distorted). Inner ``aria-*``/``role`` attributes go (the
    image is one picture); path coordinates are rounded to 0.1 px. ``None`` when ``svg`` is not
    one SVG picture with a size."""
    svg = svg.strip()
    root = _ROOT.match(svg)
    if root is None or not svg.endswith("</svg>") or svg.count("<svg") != 1:
        return None
    sizes = dict(_SIZE.findall(root.group(0)))
    if "width" not in sizes or "height" not in sizes or "viewBox" not in root.group(0):
        return None
    src = "data:image/svg+xml," + quote(_short_paths(_ATTR.sub("", svg)), safe=" /=;,.-_()'")
    height = round(float(sizes["height"]))
    return f'<img class="{CLASS}" alt="{fmt.html_text(label)}" height="{height}" src="{src}">'


def phone_picture(
    spec: dict[str, Any], label: str, wait_s: float | None = None, fingerprint: str = ""
) -> str | None:
    """The spec drawn by Vega at the phone's width, as the ``<img>`` of :func:`tidy`; ``None`` when it cannot
    be drawn, or is not drawn within ``wait_s`` (default :data:`WAIT_S`; it is then finished in
    the background for the next view). Cached per spec and label (the last :data:`CACHE_SIZE`);
    ``fingerprint``: the caller's own key for the spec (same fingerprint, same spec), which spares
    hashing a large spec on every rerun (the national map's: 0.6 MB, 20 ms)."""
    if not enabled():
        return None
    if not isinstance(spec, dict) or any(k in spec for k in ("facet", "concat", "vconcat", "hconcat")):
        return None  # compositions: Streamlit sizes them differently (pad, fit-x); no first paint
    # as Streamlit's width="stretch" draws it: the whole chart fitted into the container's width
    # slack on the right: the phone draws the picture's text in its own fonts, which may be wider
    # than the ones Vega measured on the server (a bar's value label would be cut at the edge)
    sized = {
        "autosize": {"type": "fit", "contains": "padding"},
        "padding": PADDING,
        **spec,
        "width": PHONE_WIDTH,
    }
    if mapfit.fit_of(spec) is not None:  # a map: as tall as its shapes at the phone's width
        sized["height"] = mapfit.fitted_height(spec, PHONE_WIDTH)
    try:
        known = {"fingerprint": fingerprint, "height": sized.get("height")}
        key = _key(known if fingerprint else sized) + _key({"label": label})
    except (TypeError, ValueError):
        return None
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    shared = _read_shared(key)  # drawn by another process of the same serve
    with _lock:
        if shared is not None:
            _remember(key, shared)
            return shared
        job = _pending.get(key)
        if job is None:
            job = _pending[key] = _pool.submit(_draw, sized, label, key)
    try:
        return job.result(timeout=WAIT_S if wait_s is None else wait_s)
    except TimeoutError:
        return None


def drain(timeout_s: float) -> int:
    """Wait (up to ``timeout_s`` in all) for the pictures still being drawn; how many were waited
    for. For a process that draws pictures for others and then exits (:mod:`dalamangka.ui.prepaint`)."""
    deadline = time.monotonic() + timeout_s
    with _lock:
        jobs = list(_pending.values())
    for job in jobs:
        with contextlib.suppress(TimeoutError):
            job.result(timeout=max(0.0, deadline - time.monotonic()))
    return len(jobs)


def block(img: str) -> str:
    """The HTML the page draws above the interactive chart: the CSS and the picture."""
    return CSS + img


_warming: list[Future[str | None]] = []
WARM_UP_SPEC = {"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}


def start_warm_up() -> None:
    """Start the Vega runtime (about 0.5 s, once per process) on a tiny spec, in the render
    thread, so that no view waits for it. Nothing when first paints are off."""
    if not enabled():
        return
    with _lock:
        if not _warming:
            _warming.append(_pool.submit(_render, WARM_UP_SPEC))
