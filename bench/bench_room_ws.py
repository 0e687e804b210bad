"""Benchmark: the room over websockets: N phones open Ringkasan at once through ``serve --replicas 2``.

The same room as ``bench/bench_room_serve.py`` (issue 14), but each phone is a small protocol
client instead of a Chromium context, so the machine's two cores go to the server and the figures
are the server's. A client does what the browser does through Caddy: GET the page (the page shell,
from Caddy itself), GET ``/_stcore/health`` and ``/_stcore/host-config`` at once (keeping the
sticky cookie Caddy sets, ``dalamangka.serve.COOKIE``, and Streamlit's XSRF cookie), open
``/_stcore/stream`` with the subprotocols the front end sends (``streamlit`` and the XSRF token),
send the first ``rerun_script`` BackMsg (the query string, ``page_name`` from the URL path, an
empty ``page_script_hash``, the context info) and read ForwardMsgs until the run finished. It
times ``new_session``, the first delta, the first headline figure (a markdown block with
``kda-hc-value``; the floor app: its metric) and ``script_finished``, all from the moment the
whole room starts, and counts the bytes received (HTTP responses and websocket frames as they
crossed the socket, compressed). A session counts as done only when it ran the right page (the
page title, or the floor's metric label, arrived), without ``page_not_found``, an exception
element or a failed run. Static files (JavaScript, CSS, fonts) are not fetched: Caddy serves them
from its precompressed cache, and a phone that opened the link before has them cached. Checked
once against Chromium: it sends the same single ``rerun_script``; it also probes
``/ringkasan/_stcore/health`` and ``host-config`` (the base URL guessed from the path) before
``/_stcore/...``, fetches the favicon and the page icon (``/media``), and its context info carries
the URL without the query string; the client skips these. (Since session 7 the page shell names
the base URL and the browser no longer probes.)

Per app and N: sessions done, times (p50, p95, max from the start), bytes per session, the server's
memory (VmRSS of Caddy plus the replicas; before, after one warm-up visit per replica and
--ttl + 2 s of quiet; the peak sampled every 100 ms; with every session open and finished; and
--settle seconds after they all closed), the server's CPU seconds (user + system of Caddy and the
replicas, /proc/PID/stat) for the room and per session, and which replica took each session
(``serve --replica-header`` names the replica's port in ``X-Dalamangka-Replica`` on the response
that set the sticky cookie; Caddy does not add it to the websocket upgrade, so the websockets each
replica held are counted from /proc/net/tcp: established connections on its port with the room
open, minus those left once it closed), and this script's own CPU seconds (the load it adds). Every (app, N)
gets freshly started servers. The floor is ``bench/apps/charts.py?r=floor`` (one metric) through
its own ``serve --replicas 2``, in the same run.

    python -m bench.bench_room_ws [--sessions 30 60] [--settle 30] [--ttl 10] [--warehouse PATH]
        [--json PATH] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench import phone
from bench.common import (
    DATA_DIR,
    ROOT,
    TEST_DATA,
    PeakRss,
    build_warehouse,
    load_avg,
    md_table,
    percentile,
    proc_kb,
    rss_mb,
    temp_dir,
    write_json,
)
from bench.phone import cpu_s, serve_server
from dalamangka.serve import COOKIE

FLOOR_APP = ROOT / "bench" / "apps" / "charts.py"
XSRF_COOKIE = "_streamlit_xsrf"
REPLICA_HEADER = "x-dalamangka-replica"
# Chromium's request headers that matter to the server (compression, cookies)
UA = "Mozilla/5.0 (Linux; Android 14) bench_room_ws"
ACCEPT_ENCODING = "gzip, deflate, br, zstd"


class App:
    """What one room opens: the URL path and query, and how a right answer is recognised."""

    def __init__(self, name: str, path: str, query: str, expect: str, figure: str) -> None:
        self.name, self.path, self.query = name, path, query
        self.expect = expect  # text of the page title (or the floor's metric label)
        self.figure = figure  # "card": markdown with kda-hc-value; "metric": a metric element


RINGKASAN = App("ringkasan", "ringkasan", "kota=1275", "Ringkasan Kota Medan", "card")
FLOOR = App("(floor)", "", "r=floor", "Sintetis", "metric")


# ------------------------------------------------------------------ one phone


async def http_get(host: str, port: int, path: str, jar: dict[str, str]) -> dict[str, Any]:
    """One HTTP/1.1 GET (``Connection: close``) with the cookie jar; keeps the cookies it sets.

    Returns the status, the lower-cased headers and the bytes received (headers and body as
    sent, compressed by Caddy when it compresses)."""
    reader, writer = await asyncio.open_connection(host, port)
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        f"User-Agent: {UA}",
        "Accept: */*",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
        "Connection: close",
    ]
    if jar:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in jar.items()))
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    await writer.drain()
    data = await reader.read()
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1]) if head and len(head[0].split()) > 1 else 0
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "set-cookie":
            k, _, v = value.split(";", 1)[0].partition("=")
            jar[k.strip()] = cookies[k.strip()] = v.strip()
        headers[name] = value
    return {"status": status, "headers": headers, "bytes": len(data), "cookies": cookies}


def _counting_connection() -> type[Any]:
    from websockets.asyncio.client import ClientConnection

    class Counting(ClientConnection):
        """Counts every byte the socket received (handshake and frames, still deflated)."""

        wire = 0

        def data_received(self, data: bytes) -> None:
            self.wire += len(data)
            super().data_received(data)

    return Counting


def rerun_msg(app: App, base: str) -> bytes:
    """The first BackMsg of the front end for a fresh page load (``sendRerunBackMsg``)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    rs = msg.rerun_script
    rs.query_string = app.query
    rs.page_script_hash = ""  # no current page yet: the server picks it by page_name
    rs.page_name = app.path  # the URL path relative to the base URL, e.g. "ringkasan"
    rs.is_auto_rerun = False
    ctx = rs.context_info
    ctx.timezone = "Asia/Jakarta"
    ctx.timezone_offset = -420
    ctx.locale = "id-ID"
    ctx.url = f"{base}/{app.path}" + (f"?{app.query}" if app.query else "")
    ctx.is_embedded = False
    ctx.color_scheme = "light"
    return bytes(msg.SerializeToString())


def _texts(el: Any) -> list[str]:
    kind = el.WhichOneof("type")
    if kind == "heading":
        return [el.heading.body]
    if kind == "markdown":
        return [el.markdown.body]
    if kind == "metric":
        return [el.metric.label, el.metric.body]
    return []


async def open_session(app: App, base: str, t0: float, timeout_s: float, keep: list[Any]) -> dict[str, Any]:
    """One phone: page, health, host-config, websocket, the first run. Times in ms from ``t0``.

    The websocket stays open (appended to ``keep``) so the room holds every session at once."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    def now() -> float:
        return round((time.perf_counter() - t0) * 1000, 1)

    u = urlsplit(base)
    host, port = u.hostname or "127.0.0.1", u.port or 80
    out: dict[str, Any] = {
        "ok": False,
        "t_start_ms": now(),
        "t_page_ms": None,
        "t_ws_open_ms": None,
        "t_new_session_ms": None,
        "t_first_delta_ms": None,
        "t_figure_ms": None,
        "t_finished_ms": None,
        "http_bytes": 0,
        "ws_wire_bytes": 0,
        "ws_payload_bytes": 0,
        "messages": 0,
        "deltas": 0,
        "replica": None,
        "deflate": None,
    }
    jar: dict[str, str] = {}
    ws: Any = None
    try:
        async with asyncio.timeout(timeout_s):
            page = await http_get(host, port, f"/{app.path}" + (f"?{app.query}" if app.query else ""), jar)
            out["t_page_ms"] = now()
            out["http_bytes"] += page["bytes"]
            if page["status"] != 200:
                raise RuntimeError(f"page HTTP {page['status']}")
            # the front end pings the server before it opens the websocket (both at once, as the
            # browser does), with the sticky cookie the page set: the replica is the one they reach
            pings = await asyncio.gather(
                http_get(host, port, "/_stcore/health", jar),
                http_get(host, port, "/_stcore/host-config", jar),
            )
            for r in pings:
                out["http_bytes"] += r["bytes"]
                if r["status"] != 200:
                    raise RuntimeError(f"health/host-config HTTP {r['status']}")
            if COOKIE not in jar:
                raise RuntimeError(f"Caddy set no {COOKIE} cookie")
            # the replica the pings reached with the cookie the page set
            out["replica"] = pings[0]["headers"].get(REPLICA_HEADER)
            token = jar.get(XSRF_COOKIE) or "PLACEHOLDER_AUTH_TOKEN"
            ws = await connect(
                f"ws://{host}:{port}/_stcore/stream",
                subprotocols=["streamlit", token],  # type: ignore[list-item]
                origin=f"http://{host}:{port}",  # type: ignore[arg-type]
                additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())},
                user_agent_header=UA,
                create_connection=_counting_connection(),
                open_timeout=timeout_s,
                max_size=None,
                ping_interval=None,
            )
            keep.append(ws)
            out["t_ws_open_ms"] = now()
            out["deflate"] = "permessage-deflate" in ws.response.headers.get("Sec-WebSocket-Extensions", "")
            await ws.send(rerun_msg(app, base))
            seen_expect = False
            async for raw in ws:
                assert isinstance(raw, bytes), "text frame from Streamlit"
                out["ws_payload_bytes"] += len(raw)
                out["messages"] += 1
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "new_session" and out["t_new_session_ms"] is None:
                    out["t_new_session_ms"] = now()
                elif kind == "page_not_found":
                    raise RuntimeError(f"page_not_found ({msg.page_not_found.page_name!r})")
                elif kind == "ref_hash":
                    raise RuntimeError("ref_hash: the server assumed a cached message")
                elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
                    raise RuntimeError("script compilation exception")
                elif kind == "delta":
                    out["deltas"] += 1
                    if out["t_first_delta_ms"] is None:
                        out["t_first_delta_ms"] = now()
                    if msg.delta.WhichOneof("type") != "new_element":
                        continue
                    el = msg.delta.new_element
                    el_kind = el.WhichOneof("type")
                    if el_kind == "exception":
                        raise RuntimeError(f"exception: {el.exception.message[:120]}")
                    if not seen_expect and any(app.expect in t for t in _texts(el)):
                        seen_expect = True
                    if out["t_figure_ms"] is None and (
                        (
                            app.figure == "card"
                            and el_kind == "markdown"
                            and "kda-hc-value" in el.markdown.body
                        )
                        or (app.figure == "metric" and el_kind == "metric")
                    ):
                        out["t_figure_ms"] = now()
                elif kind == "script_finished":
                    status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    if status == "FINISHED_EARLY_FOR_RERUN":
                        continue  # the script asked for a rerun: the page is not done yet
                    if status != "FINISHED_SUCCESSFULLY":
                        raise RuntimeError(f"script_finished {status}")
                    out["t_finished_ms"] = now()
                    break
            else:
                raise RuntimeError("websocket closed before script_finished")
            if not seen_expect:
                raise RuntimeError(f"wrong page: {app.expect!r} never arrived")
            if out["t_figure_ms"] is None:
                raise RuntimeError("no headline figure in the page")
            out["ok"] = True
    except Exception as e:  # reported per session: a failure is never timed as a success
        out["error"] = f"{type(e).__name__}: {str(e)[:200]}"
    if ws is not None:
        out["ws_wire_bytes"] = ws.wire
    return out


# ------------------------------------------------------------------ the server's processes


def roles(pids: list[int]) -> dict[int, str]:
    """pid -> "caddy" or the replica's port (from its command line)."""
    out = {}
    for pid in pids:
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if "--server.port" in argv:
            out[pid] = argv[argv.index("--server.port") + 1]
        elif any("caddy" in a for a in argv[:1]):
            out[pid] = "caddy"
        else:
            out[pid] = Path(argv[0]).name
    return out


def established(ports: list[str]) -> dict[str, int]:
    """Established TCP connections accepted on each of ``ports`` (the replicas), /proc/net/tcp."""
    want = {f"{int(p):04X}": p for p in ports if p.isdigit()}
    out = {p: 0 for p in ports}
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            port = f[1].rsplit(":", 1)[1]
            if f[3] == "01" and port in want:
                out[want[port]] += 1
    return out


def own_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def stats(values: list[float]) -> tuple[float | None, float | None, float | None]:
    if not values:
        return None, None, None
    return (
        round(percentile(values, 50) / 1000, 2),
        round(percentile(values, 95) / 1000, 2),
        round(max(values) / 1000, 2),
    )


async def room(
    app: App, base: str, pids: list[int], sessions: int, settle_s: float, quiet_s: float, timeout_s: float
) -> dict[str, Any]:
    role = roles(pids)
    replicas = sorted(v for v in role.values() if v != "caddy")
    # the facilitator opened the link first: one warm-up visit per replica (the cookie is random)
    warm: set[str] = set()
    for _ in range(12):
        keep: list[Any] = []
        v = await open_session(app, base, time.perf_counter(), timeout_s, keep)
        for ws in keep:
            await ws.close()
        if not v["ok"]:
            raise RuntimeError(f"warm-up visit failed: {v.get('error')}")
        warm.add(str(v["replica"]))
        if warm >= set(replicas):
            break
    await asyncio.sleep(quiet_s)  # the warm-up sessions expire (--ttl)
    rss_before = rss_mb(pids)
    per_before = {role.get(p, str(p)): round(proc_kb(p) / 1024, 1) for p in pids}
    keep = []
    c0, own0 = cpu_s(pids), own_cpu_s()
    by_pid0 = {p: cpu_s([p]) for p in pids}
    t0 = time.perf_counter()
    async with PeakRss(pids) as rss:
        views = await asyncio.gather(*[open_session(app, base, t0, timeout_s, keep) for _ in range(sessions)])
        wall_s = time.perf_counter() - t0
        rss_open = rss_mb(pids)
        load_open = load_avg()
        conns_open = established(replicas)
        await asyncio.gather(*[ws.close() for ws in keep], return_exceptions=True)
        await asyncio.sleep(0.5)  # Caddy closes the upstream websockets; its idle HTTP pool stays
        conns_closed = established(replicas)
    cpu = cpu_s(pids) - c0
    cpu_by = {role.get(p, str(p)): round(cpu_s([p]) - by_pid0[p], 2) for p in pids}
    own = own_cpu_s() - own0
    rss_closed = rss_mb(pids)
    await asyncio.sleep(settle_s)
    ok = [v for v in views if v["ok"]]
    n_ok = max(len(ok), 1)
    split: dict[str, int] = {r: 0 for r in replicas}
    for v in views:
        if v["replica"] is not None:
            split[str(v["replica"])] = split.get(str(v["replica"]), 0) + 1
    fig, fin = [v["t_figure_ms"] for v in ok], [v["t_finished_ms"] for v in ok]
    return {
        "app": app.name,
        "url": f"/{app.path}?{app.query}",
        "sessions": sessions,
        "done": len(ok),
        "figure_s_p50_p95_max": stats(fig),
        "finished_s_p50_p95_max": stats(fin),
        "all_figure_s": round(max(fig) / 1000, 2) if len(ok) == sessions else None,
        "all_finished_s": round(max(fin) / 1000, 2) if len(ok) == sessions else None,
        "page_s_p50_p95_max": stats([v["t_page_ms"] for v in ok]),
        "ws_open_s_p50_p95_max": stats([v["t_ws_open_ms"] for v in ok]),
        "new_session_s_p50_p95_max": stats([v["t_new_session_ms"] for v in ok]),
        "first_delta_s_p50_p95_max": stats([v["t_first_delta_ms"] for v in ok]),
        "wall_s": round(wall_s, 2),
        "http_kb_per_session": round(sum(v["http_bytes"] for v in ok) / n_ok / 1024, 1),
        "ws_kb_per_session": round(sum(v["ws_wire_bytes"] for v in ok) / n_ok / 1024, 1),
        "ws_payload_kb_per_session": round(sum(v["ws_payload_bytes"] for v in ok) / n_ok / 1024, 1),
        "ws_deflate": all(v["deflate"] for v in ok) if ok else None,
        "messages_per_session": round(sum(v["messages"] for v in ok) / n_ok),
        "rss_before_mb": round(rss_before, 1),
        "rss_peak_mb": round(rss.peak, 1),
        "rss_open_mb": round(rss_open, 1),
        "rss_closed_mb": round(rss_closed, 1),
        "rss_after_mb": round(rss_mb(pids), 1),
        "per_process_before_mb": per_before,
        "per_process_after_mb": {role.get(p, str(p)): round(proc_kb(p) / 1024, 1) for p in pids},
        "server_cpu_s": round(cpu, 2),
        "server_cpu_ms_per_session": round(cpu * 1000 / sessions, 1),
        "client_cpu_s": round(own, 2),
        "split": split,
        # websockets held by each replica while the room was open (established upstream
        # connections then, minus those left 0.5 s after every session closed)
        "ws_split": {r: conns_open[r] - conns_closed[r] for r in replicas},
        "server_cpu_s_by_process": cpu_by,
        "load_at_open": load_open,
        "errors": sorted({v["error"] for v in views if "error" in v})[:5],
    }


async def run(
    warehouse: Path, counts: list[int], settle_s: float, ttl: int, timeout_s: float
) -> list[dict[str, Any]]:
    os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(ttl)  # inherited by the replicas
    quiet_s = min(ttl + 2, settle_s) if settle_s else 0.5
    rows = []
    for n in counts:
        for app, script in ((FLOOR, FLOOR_APP), (RINGKASAN, None)):
            with serve_server(warehouse, 2, script, "--replica-header") as (base, pids):
                rows.append(await room(app, base, pids, n, settle_s, quiet_s, timeout_s))
            print(f"  {app.name} N={n}: {rows[-1]['done']}/{n} done (load {load_avg()})", flush=True)
    return rows


def tables(rows: list[dict[str, Any]], settle_s: float) -> str:
    def triple(t: tuple[Any, ...]) -> str:
        return " / ".join("–" if x is None else f"{x:.2f}" for x in t)

    def pair(t: tuple[Any, ...]) -> str:
        return triple((t[0], t[2]))

    head_times = ["app", "N", "done", "websocket open s p50 / max", "new_session s p50 / max",
                  "first figure s p50 / p95 / max", "script finished s p50 / p95 / max",
                  "KB per session (ws + http)", "messages", "load at open"]  # fmt: skip
    head_server = ["app", "N", "RSS before MiB", "peak MiB", "all open MiB",
                   f"+{settle_s:g} s after close MiB", "server CPU s", "CPU ms / session",
                   "split by replica (ws)", "client CPU s"]  # fmt: skip
    times = md_table(
        head_times,
        [
            [
                r["app"],
                r["sessions"],
                f"{r['done']}/{r['sessions']}",
                pair(r["ws_open_s_p50_p95_max"]),
                pair(r["new_session_s_p50_p95_max"]),
                triple(r["figure_s_p50_p95_max"]),
                triple(r["finished_s_p50_p95_max"]),
                f"{r['ws_kb_per_session']:.1f} + {r['http_kb_per_session']:.1f}",
                r["messages_per_session"],
                r["load_at_open"],
            ]
            for r in rows
        ],
    )
    server = md_table(
        head_server,
        [
            [
                r["app"],
                r["sessions"],
                r["rss_before_mb"],
                r["rss_peak_mb"],
                r["rss_open_mb"],
                r["rss_after_mb"],
                r["server_cpu_s"],
                r["server_cpu_ms_per_session"],
                " / ".join(str(v) for v in r["split"].values())
                + " (ws "
                + " / ".join(str(v) for v in r["ws_split"].values())
                + ")",
                r["client_cpu_s"],
            ]
            for r in rows
        ],
    )
    return times + "\n\n" + server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--warehouse", type=Path)
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--sessions", type=int, nargs="+", default=[30, 60])
    ap.add_argument("--settle", type=float, default=30, help="seconds after close before the last RSS")
    ap.add_argument("--ttl", type=int, default=10, help="server.disconnectedSessionTTL, seconds")
    ap.add_argument("--timeout", type=float, default=180, help="seconds per session")
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture, 2 sessions, no settling")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.sessions, a.settle, a.timeout = TEST_DATA, [2], 0, 60
        phone.smoke()  # no first paints; the room keeps its two replicas (their split is measured)
    load_start = load_avg()
    with temp_dir("bench_room_ws_") as d:
        path = a.warehouse or build_warehouse(a.data_dir, d)
        rows = asyncio.run(run(path, a.sessions, a.settle, a.ttl, a.timeout))
    print(
        f"\nN websocket sessions at once through serve --replicas 2 "
        f"(load {load_start} at start, {load_avg()} at end)\n"
    )
    print(tables(rows, a.settle))
    for r in rows:
        if r["errors"]:
            print(f"\n{r['app']} N={r['sessions']} errors: {r['errors']}")
    write_json(
        a.json,
        {
            "rows": rows,
            "load_avg_start": load_start,
            "load_avg": load_avg(),
            "ttl_s": a.ttl,
            "settle_s": a.settle,
            "warehouse": str(a.warehouse) if a.warehouse else f"built from {a.data_dir}",
        },
    )


if __name__ == "__main__":
    main()
