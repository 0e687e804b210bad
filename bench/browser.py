"""Browser helpers of the benchmarks: one timed page view in a fresh Chromium context.

Adapted from the approach of a timing tool used on this project: every view gets a fresh
browser context (empty HTTP cache, new Streamlit session), so a view includes the Streamlit
start-up of the page. Chromium (Debian's /usr/bin/chromium, driven by Playwright) may only
reach 127.0.0.1: a dead loopback proxy and a resolver rule make any other request fail.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '.js-plotly-plot, .stDeckGlJsonChart, iframe, .vega-embed, [data-testid="stMetric"], .kda-hc-value'
# a Ringkasan headline card's figure (dalamangka/cardhtml.py), or the floor app's metric
CARDS = '.kda-hc-value, [data-testid="stMetric"]'
# The page's own clock (performance.now(), from navigation start): when the app first showed
# idle and when the first chart was first visible, recorded by a MutationObserver as it happens.
# Playwright's wait_for_selector polls at 0, 20, 50, 100, 100, then every 500 ms, so its times
# are steps ~0.5 s apart after the first ~0.8 s; these are not.
PAGE_CLOCK = """
(() => {
  const clock = window.__kdaClock = {idle: null, chart: null};
  const seen = () => {
    const now = Math.round(performance.now());
    if (clock.idle === null && document.querySelector(%(idle)s)) clock.idle = now;
    if (clock.chart === null) {
      for (const el of document.querySelectorAll(%(chart)s)) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') {
          clock.chart = now;
          break;
        }
      }
    }
    if (clock.idle !== null && clock.chart !== null) observer.disconnect();
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, {subtree: true, childList: true, attributes: true});
})();
"""
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


async def visit(
    browser: Any, url: str, timeout_s: float = 60, selector: str = CHART, t0: float | None = None
) -> dict[str, Any]:
    """Open ``url`` in a fresh context; time until ``selector`` is visible and the app is idle.

    Returns milliseconds from navigation (or from ``t0``) to the first chart drawn, to the first
    chart element received from the server (``t_sent_ms``: the server's part), and to idle, the
    websocket bytes received (and the frames, for :func:`geojson_payloads`), and the number of
    charts and Streamlit exceptions shown. A page without any chart gets ``t_chart_ms`` None.
    ``page_idle_ms`` / ``page_chart_ms``: the same two moments on the page's own clock
    (:data:`PAGE_CLOCK`), not quantised by Playwright's polling. ``page_done_ms``: when the
    script's "finished" message reached the browser, on the page's clock (the server's part
    of the view; what comes after it is the browser's).
    """
    ctx = await browser.new_context(viewport={"width": 1366, "height": 900})
    await ctx.add_init_script(PAGE_CLOCK % {"idle": json.dumps(IDLE), "chart": json.dumps(selector)})
    page = await ctx.new_page()
    frames: list[bytes] = []

    def on_frame(payload: str | bytes) -> None:
        raw = payload.encode() if isinstance(payload, str) else payload
        frames.append(raw)
        if out["t_sent_ms"] is None and _element_type(raw) in CHART_ELEMENTS:
            out["t_sent_ms"] = now_ms()
        if out["t_done_ms"] is None and _message_type(raw) == "script_finished":
            out["t_done_ms"] = now_ms()

    def on_ws(sock: Any) -> None:
        sock.on("framereceived", on_frame)

    page.on("websocket", on_ws)
    start = t0 if t0 is not None else time.perf_counter()
    start_epoch_ms = (time.time() - (time.perf_counter() - start)) * 1000  # ``start`` on the wall clock
    out: dict[str, Any] = {"url": url, "t_chart_ms": None, "t_idle_ms": None, "t_sent_ms": None,
                           "t_done_ms": None, "page_idle_ms": None, "page_chart_ms": None,
                           "page_done_ms": None}  # fmt: skip

    def now_ms() -> float:
        return round((time.perf_counter() - start) * 1000, 1)

    async def chart() -> None:
        await page.wait_for_selector(selector, state="visible", timeout=timeout_s * 1000)
        out["t_chart_ms"] = now_ms()

    charting: asyncio.Task[None] | None = None
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        charting = asyncio.create_task(chart())
        await page.wait_for_selector(IDLE, state="attached", timeout=timeout_s * 1000)
        out["t_idle_ms"] = now_ms()
        try:  # a chart may arrive a little after the script finished; none at all: no chart
            await asyncio.wait_for(asyncio.shield(charting), timeout=6)
        except TimeoutError:
            charting.cancel()
        await page.wait_for_timeout(300)  # let the last frames arrive before counting bytes
    except Exception as e:
        out["error"] = f"{type(e).__name__}: {str(e)[:160]}"
    if charting is not None and not charting.done():
        charting.cancel()
    if charting is not None:
        await asyncio.gather(charting, return_exceptions=True)
    try:
        clock = await page.evaluate("window.__kdaClock || {}")
        out["page_idle_ms"], out["page_chart_ms"] = clock.get("idle"), clock.get("chart")
        if out["t_done_ms"] is not None:  # Playwright's clock -> the page's (from its navigation)
            origin = float(await page.evaluate("performance.timeOrigin"))
            out["page_done_ms"] = round(out["t_done_ms"] - (origin - start_epoch_ms), 1)
    except Exception:  # the page is gone: no in-page times
        pass
    out["ws_bytes"] = sum(len(f) for f in frames)
    out["frames"] = frames
    out["charts"] = await page.locator(CHART).count()
    errors = page.locator('[data-testid="stException"]')
    out["exceptions"] = await errors.count()
    if out["exceptions"]:
        out["exception_text"] = (await errors.first.inner_text())[:300]
    await ctx.close()
    return out


CHART_ELEMENTS = {"metric", "plotly_chart", "deck_gl_json_chart", "vega_lite_chart", "echarts_chart"}


def _parse(raw: bytes) -> Any:
    """A websocket frame as Streamlit's ForwardMsg, or None if it is not one."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(raw)
    except Exception:  # not a ForwardMsg
        return None
    return msg


def _message_type(raw: bytes) -> str | None:
    """The kind of a ForwardMsg frame (``delta``, ``script_finished``, ...), if it is one."""
    msg = _parse(raw)
    kind = msg.WhichOneof("type") if msg is not None else None
    return str(kind) if kind else None


def _element_type(raw: bytes) -> str | None:
    """The element type a ForwardMsg frame adds (``metric``, ``plotly_chart``, ...), if any."""
    msg = _parse(raw)
    if msg is None or msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    kind = msg.delta.new_element.WhichOneof("type")
    return str(kind) if kind else None


def _find(node: Any, match: Any) -> list[dict[str, Any]]:
    """Every dict of a decoded chart spec that ``match`` accepts, depth first (not inside one)."""
    if isinstance(node, dict):
        if match(node):
            return [node]
        return [found for v in node.values() for found in _find(v, match)]
    if isinstance(node, list):
        return [found for v in node for found in _find(v, match)]
    return []


def _collections(node: Any) -> list[dict[str, Any]]:
    """Every GeoJSON FeatureCollection/Feature inside a decoded chart spec (depth first)."""
    return _find(
        node,
        lambda d: d.get("type") in ("FeatureCollection", "Feature") and ("features" in d or "geometry" in d),
    )


def _geometry_files(spec: Any) -> list[dict[str, Any]]:
    """The boundary files a Vega-Lite spec looks its shapes up in (``data.url`` under
    ``static/geo/``), read from this checkout's static folder, which the app serves."""
    from bench.common import ROOT

    linked = _find(spec, lambda d: isinstance(d.get("url"), str) and "static/geo/" in d["url"])
    paths = [ROOT / "static" / "geo" / str(d["url"]).rsplit("/", 1)[-1] for d in linked]
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths if p.is_file()]


def geojson_payloads(frames: list[bytes]) -> list[dict[str, Any]]:
    """The GeoJSON each map of a page view carried over the websocket, one entry per map.

    Frames are Streamlit ForwardMsg protobufs; plotly, pydeck and Vega-Lite charts carry their
    figure as a JSON spec, in which every FeatureCollection is measured as compact JSON. A Vega-Lite
    map whose boundaries are a file (the national map: ``static/geo/batas-*.json``, fetched once
    by the browser, dalamangka/vegamap.py) is measured with that file, ``"in": "file"``.
    """
    maps = []
    for raw in frames:
        msg = _parse(raw)
        if msg is None or msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            continue  # not an element (or, which should not happen, not a ForwardMsg)
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "plotly_chart":
            text = element.plotly_chart.spec
        elif kind == "deck_gl_json_chart":
            text = element.deck_gl_json_chart.json
        elif kind == "vega_lite_chart":
            text = element.vega_lite_chart.spec
        else:
            continue
        try:
            spec = json.loads(text) if text else {}
        except ValueError:
            continue
        files = _geometry_files(spec) if kind == "vega_lite_chart" else []
        collections, where = _collections(spec) + files, "file" if files else "websocket"
        if not collections:
            continue
        # One map per chart element: a figure may split its shapes over several traces.
        features = sum(
            len(fc.get("features", [])) if fc.get("type") == "FeatureCollection" else 1 for fc in collections
        )
        size = sum(len(json.dumps(fc, separators=(",", ":"))) for fc in collections)
        maps.append(
            {
                "chart": kind,
                "traces": len(collections),
                "features": features,
                "bytes": size,
                "message_bytes": len(raw),
                "in": where,
            }
        )
    return maps
