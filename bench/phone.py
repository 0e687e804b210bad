"""A phone in the meeting room, emulated in Chromium: the profile, one timed visit, the servers.

Profile (``PHONE``): a 390×844 CSS-pixel touch screen, 1.6 MB/s down, 0.75 MB/s up, 150 ms
round-trip latency and a 4× CPU slowdown, set through the Chrome DevTools Protocol on every page
(``Network.emulateNetworkConditions``, ``Emulation.setCPUThrottlingRate``). A first visit uses a
fresh browser context (empty HTTP cache, new Streamlit session); a returning visit reuses the
context of an earlier visit (its HTTP cache: what a phone keeps between two links).

A visit is timed from navigation to the first chart *drawn* (an SVG or canvas inside a plotly or
Vega-Lite chart, a metric card, or a chart's server-drawn first paint ``img.kda-fp``), to the
interactive chart (Vega or plotly itself) and to the app idle; bytes are what crossed the emulated
network: every HTTP response's encoded size (CDP ``encodedDataLength``: headers and the body as
sent, compressed or not) plus the websocket payloads (decoded from CDP's base64; deflated frame by
frame when the handshake agreed permessage-deflate). Chromium may only reach 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from bench.browser import ARGS, IDLE
from bench.common import CHROMIUM, ROOT, free_port
from dalamangka.serve import PREPAINT_DONE, PREPAINT_FAILED

PHONE: dict[str, Any] = {
    # what a phone's Chrome says (the front door gives a phone, and only a phone, its first screen)
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
        " Chrome/131.0.0.0 Mobile Safari/537.36"
    ),
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "latency_ms": 150,
    "down_bytes_s": 1_600_000,
    "up_bytes_s": 750_000,
    "cpu_slowdown": 4,
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1366, "height": 900}}
DRAWN = (
    ".js-plotly-plot .main-svg, .vega-embed svg, .vega-embed canvas, "
    '.stDeckGlJsonChart canvas, [data-testid="stMetric"], .kda-hc-value, img.kda-fp'
)
# the interactive chart itself (Vega or plotly), drawn after a chart's first paint (img.kda-fp)
INTERACTIVE = ".js-plotly-plot .main-svg, .vega-embed svg, .vega-embed canvas"
# the app's own first chart (Streamlit's page: inside #root), not the page shell's first screen
# (serve's #kda-layar, dalamangka/firstscreen.py)
APP_DRAWN = ", ".join(f"#root {s.strip()}" for s in DRAWN.split(", "))
# notes whether the page shell showed a first screen (#kda-layar appended to the body)
SAW_SCREEN = (
    "new MutationObserver((ms) => { for (const m of ms) for (const n of m.addedNodes)"
    " if (n.id === 'kda-layar') window.__kdaScreen = true; })"
    ".observe(document, {subtree: true, childList: true});"
)
CHUNK = re.compile(r"/static/js/([A-Za-z]+)[.-]")


async def new_context(browser: Any, profile: dict[str, Any]) -> Any:
    keys = ("user_agent", "viewport", "device_scale_factor", "is_mobile", "has_touch")
    return await browser.new_context(**{k: profile[k] for k in keys if k in profile})


async def visit(
    ctx: Any, url: str, profile: dict[str, Any], timeout_s: float = 120, selector: str = DRAWN
) -> dict[str, Any]:
    """One navigation in ``ctx`` under ``profile``; returns times (ms) and bytes."""
    page = await ctx.new_page()
    cdp = await ctx.new_cdp_session(page)
    await cdp.send("Network.enable")
    if "latency_ms" in profile:
        await cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": profile["latency_ms"],
                "downloadThroughput": profile["down_bytes_s"],
                "uploadThroughput": profile["up_bytes_s"],
            },
        )
    if profile.get("cpu_slowdown"):
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu_slowdown"]})
    urls: dict[str, str] = {}
    http = {"bytes": 0, "requests": 0, "cached": 0}
    by_chunk: dict[str, int] = {}
    ws = [0, 0]  # payload bytes as the app sent them; the same, deflated frame by frame
    deflate = [False]
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))

    def done(e: dict[str, Any]) -> None:
        n = int(e.get("encodedDataLength", 0))
        http["bytes"] += n
        http["requests"] += 1
        m = CHUNK.search(urls.get(e["requestId"], ""))
        if m:
            by_chunk[m.group(1)] = by_chunk.get(m.group(1), 0) + n

    cdp.on("Network.loadingFinished", done)
    cdp.on("Network.requestServedFromCache", lambda _e: http.__setitem__("cached", http["cached"] + 1))

    def frame(e: dict[str, Any]) -> None:
        # CDP gives the payload after the browser decompressed it, base64 for binary frames
        r = e["response"]
        raw = base64.b64decode(r["payloadData"]) if r.get("opcode") == 2 else r["payloadData"].encode()
        ws[0] += len(raw)
        ws[1] += len(zlib.compress(raw, 6)) - 4  # raw deflate per frame: no header/checksum (RFC 7692)

    def handshake(e: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}
        deflate[0] = "permessage-deflate" in headers.get("sec-websocket-extensions", "")

    cdp.on("Network.webSocketFrameReceived", frame)
    cdp.on("Network.webSocketHandshakeResponseReceived", handshake)
    out: dict[str, Any] = {
        "url": url, "t_chart_ms": None, "t_idle_ms": None, "t_interactive_ms": None, "t_app_chart_ms": None,
    }  # fmt: skip
    await page.add_init_script(SAW_SCREEN)
    t0 = time.perf_counter()

    def now() -> float:
        return round((time.perf_counter() - t0) * 1000, 1)

    # "visible=true" filters every match: a plain wait would follow only the first match, e.g. a
    # first paint that stays hidden because the interactive chart drew first
    async def chart() -> None:
        await page.wait_for_selector(f"{selector} >> visible=true", timeout=timeout_s * 1000)
        out["t_chart_ms"] = now()

    async def app_chart() -> None:
        await page.wait_for_selector(f"{APP_DRAWN} >> visible=true", timeout=timeout_s * 1000)
        out["t_app_chart_ms"] = now()

    async def interactive() -> None:
        await page.wait_for_selector(f"{INTERACTIVE} >> visible=true", timeout=timeout_s * 1000)
        out["t_interactive_ms"] = now()

    charting: asyncio.Task[None] | None = None
    live: asyncio.Task[None] | None = None
    own: asyncio.Task[None] | None = None
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        charting = asyncio.create_task(chart())
        live = asyncio.create_task(interactive())
        own = asyncio.create_task(app_chart()) if selector == DRAWN else None
        await page.wait_for_selector(IDLE, state="attached", timeout=timeout_s * 1000)
        out["t_idle_ms"] = now()
        try:
            await asyncio.wait_for(
                asyncio.shield(charting), timeout=60
            )  # plotly: long after idle on a slow phone
        except TimeoutError:
            charting.cancel()
        if await page.locator("img.kda-fp").count():  # a first paint: the interactive chart follows
            with suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(live), timeout=60)
        elif out["t_chart_ms"] is not None and await page.locator(INTERACTIVE).count():
            out["t_interactive_ms"] = out["t_chart_ms"]  # the first chart drawn was the chart itself
        if own is not None:
            with suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(own), timeout=60)
        out["first_screen"] = bool(await page.evaluate("!!window.__kdaScreen"))
        await page.wait_for_timeout(500)  # the last responses finish before bytes are counted
    except Exception as e:
        out["error"] = f"{type(e).__name__}: {str(e)[:160]}"
    for task in (charting, live, own):
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    out["http_bytes"], out["requests"], out["from_cache"] = http["bytes"], http["requests"], http["cached"]
    # with permessage-deflate agreed, the frames cross the network deflated: counted frame by
    # frame without a shared window (an upper bound of the real size, which keeps the context)
    out["ws_deflate"] = deflate[0]
    out["ws_bytes"] = ws[1] if deflate[0] else ws[0]
    out["bytes"] = http["bytes"] + out["ws_bytes"]
    out["js_chunks"] = dict(sorted(by_chunk.items(), key=lambda kv: -kv[1]))
    out["exceptions"] = await page.locator('[data-testid="stException"]').count()
    await page.close()
    return out


async def launch(p: Any) -> Any:
    return await p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)


# ------------------------------------------------------------------ servers


def _children(pid: int) -> list[int]:
    kids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d.name))
            except (OSError, ValueError, IndexError):
                continue
    return kids


def cpu_s(pids: list[int]) -> float:
    """User + system CPU seconds used so far by ``pids`` (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        try:
            f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(f[11]) + int(f[12])
        except (OSError, ValueError, IndexError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


# a smoke run (``--smoke``) checks the harness, not the figures: it does not wait ~30 s for the
# seed cities' first paints (they have their own test, tests/test_serve.py), starts one replica
# where a benchmark would start two, and does not slow the phone's CPU or network (a throttled
# view only waits longer; every measurement and byte count still runs)
SMOKE = {"on": False}


def smoke() -> None:
    """A smoke run: every later :func:`serve_server` of our app starts with ``--no-prepaint``,
    :func:`replicas` gives one, and :data:`PHONE` keeps its screen but neither slows the CPU nor
    throttles the network."""
    SMOKE["on"] = True
    PHONE.update(cpu_slowdown=0, latency_ms=0, down_bytes_s=-1, up_bytes_s=-1)


def replicas(n: int) -> int:
    """``n`` replicas for a benchmark, one in a smoke run."""
    return 1 if SMOKE["on"] else n


def prepaint_finished(line: str) -> bool:
    """``serve``'s log line saying its background prepaint ended (done, or failed)."""
    return line.startswith((PREPAINT_DONE, PREPAINT_FAILED))


@contextmanager
def serve_server(
    warehouse: Path, replicas: int = 2, app: Path | None = None, *extra: str
) -> Iterator[tuple[str, list[int]]]:
    """``python -m dalamangka serve`` on a free port; yields (base URL, pids of Caddy and replicas)."""
    port = free_port()
    env = {**os.environ, "DALAMANGKA_WAREHOUSE": str(warehouse)}
    cmd = [sys.executable, "-m", "dalamangka", "serve", "--replicas", str(replicas), "--port", str(port),
           "--host", "127.0.0.1", "--public-url", f"http://127.0.0.1:{port}", *extra]  # fmt: skip
    if app is not None:
        cmd += ["--app", str(app)]
    elif SMOKE["on"] and "--no-prepaint" not in extra:
        cmd += ["--no-prepaint"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 180
        for line in proc.stdout:
            if line.startswith("Siap:"):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not start within 180 s")
        else:
            raise RuntimeError(f"serve exited before serving (code {proc.wait()})")
        if app is None and "--no-prepaint" not in cmd:
            # the seed cities' first paints are drawn in the background after "Siap:"; a room
            # arrives minutes after the start, so measure once they are there (and the CPU is free)
            # (serve's own line, dalamangka.serve.PREPAINT_DONE; waiting for an older wording
            # after session 19 renamed it left the benchmarks through `serve` waiting for ever)
            for line in proc.stdout:
                if prepaint_finished(line):
                    break
            else:
                raise RuntimeError(f"serve exited during its prepaint (code {proc.wait()})")
        yield f"http://127.0.0.1:{port}", _children(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
