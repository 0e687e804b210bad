"""``python -m dalamangka serve``: Caddy in front of Streamlit replicas, checked over real HTTP.

One ``serve --replicas 2`` runs for the module (free ports, the tiny warehouse); the tests run
in file order and the last two are destructive (a replica killed, then SIGTERM to serve).
The replica that answered is named by the ``X-Dalamangka-Replica`` header (hidden option
``--replica-header``: the replica's loopback port).
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import zstandard

from dalamangka import firstscreen, serve
from dalamangka.ui import prepaint
from tests.browser import free_port

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ pure parts


def test_precompress_writes_sidecars_once(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / "static" / "js").mkdir(parents=True)
    big = b"function hello(){return 'halo dunia';}\n" * 400
    (static / "index.html").write_text("<html>" + "x" * 2000 + "</html>")
    (static / "static" / "js" / "main.abc123.js").write_bytes(big)
    (static / "static" / "js" / "tiny.js").write_bytes(b"var a=1;")
    (static / "favicon.png").write_bytes(bytes(range(256)) * 8)
    root = serve.precompress(static, tmp_path / "cache")
    js = root / "static" / "js" / "main.abc123.js"
    assert js.read_bytes() == big
    assert gzip.decompress(js.with_name(js.name + ".gz").read_bytes()) == big
    assert zstandard.ZstdDecompressor().decompress(js.with_name(js.name + ".zst").read_bytes()) == big
    assert not (root / "static" / "js" / "tiny.js.gz").exists()  # under 1 KB: not worth it
    assert not (root / "favicon.png.gz").exists()  # not a compressible type
    stamp = (root / ".complete").stat().st_mtime_ns
    assert serve.precompress(static, tmp_path / "cache") == root  # reused, not rebuilt
    assert (root / ".complete").stat().st_mtime_ns == stamp
    (static / "static" / "js" / "new.def456.js").write_bytes(big)  # a new Streamlit build
    assert serve.precompress(static, tmp_path / "cache") != root
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".build-")]


def test_two_starts_at_once_compress_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two `serve` starts on one machine (a fresh cache): the second waits for the first's copy."""
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("<html>" + "x" * 2000 + "</html>")
    built: list[Path] = []
    real = serve._build_copy

    def slow_build(*args: Any) -> Path:
        built.append(args[2])
        time.sleep(0.5)  # the other start arrives meanwhile
        return real(*args)

    monkeypatch.setattr(serve, "_build_copy", slow_build)
    with ThreadPoolExecutor(2) as pool:
        roots = list(pool.map(lambda _i: serve.precompress(static, tmp_path / "cache"), range(2)))
    assert len(built) == 1 and roots[0] == roots[1] == built[0]
    assert (roots[0] / "index.html.gz").is_file()


def test_replicas_and_laptop_run_without_file_watcher_or_post_run_gc() -> None:
    """Both cost every first view (a watcher set up per session, a full gc.collect holding the
    interpreter lock after each run; docs/benchmarks.md): off in the project's config, which
    `streamlit run app.py` reads, and on every replica's command line whatever its folder."""
    import tomllib

    cmd = serve.replica_command(8600, Path("app.py"))
    flags = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert flags["--server.fileWatcherType"] == "none"
    assert flags["--runner.postScriptGC"] == "false"
    assert flags["--runner.magicEnabled"] == "false"
    config = tomllib.loads((Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["postScriptGC"] is False
    assert config["runner"]["magicEnabled"] is False


def test_caddyfile_is_valid_for_caddy(tmp_path: Path) -> None:
    layout = serve.Layout(
        "0.0.0.0", 8501, (40001, 40002), tmp_path, "s3cret", shell_root=tmp_path / "shell",
        screens_root=tmp_path / "layar",
    )  # fmt: skip
    text = serve.caddyfile(layout)
    path = tmp_path / "Caddyfile"
    path.write_text(text)
    got = subprocess.run(
        [str(serve.caddy_executable()), "adapt", "--config", str(path), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert got.returncode == 0, got.stderr
    adapted = got.stdout
    for needle in (
        '"policy":"cookie"', '"uri":"/_stcore/health"', '"precompressed"', '"zstd"', "immutable",
        '"uri":"/index.html"', str(tmp_path / "shell"), '"handler":"templates"',
        f'"file_root":"{tmp_path / "layar" / "current"}"',
    ):  # fmt: skip
        assert needle in adapted.replace(" ", ""), needle
    assert "127.0.0.1:40001" in adapted and "127.0.0.1:40002" in adapted
    assert "X-Dalamangka-Replica" not in text  # only with --replica-header


# ------------------------------------------------------------------ a running serve


@dataclass
class Served:
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    def get(
        self, path: str, cookie: str | None = None, encoding: str = "identity"
    ) -> http.client.HTTPResponse:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Accept-Encoding": encoding}
        if cookie:
            headers["Cookie"] = cookie
        con.request("GET", path, headers=headers)
        resp = con.getresponse()
        resp.read()
        con.close()
        return resp


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc), grandchildren included."""
    parents: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(d.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {c for c, p in parents.items() if p in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _replica_pid(served: Served, port: int) -> int:
    for pid in _descendants(served.proc.pid):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
            return pid
    raise AssertionError(f"no replica on port {port}")


PREPAINTED = ("1275", "1671")


@pytest.fixture(scope="module")
def served(tiny_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = {
        **os.environ, "DALAMANGKA_WAREHOUSE": str(tiny_warehouse), "DALAMANGKA_FIRSTPAINT": "1",
    }  # fmt: skip
    env.pop(prepaint.CITIES_ENV, None)
    cmd = [
        sys.executable, "-m", "dalamangka", "serve", "--replicas", "2", "--port", str(port),
        "--host", "127.0.0.1", "--public-url", f"http://127.0.0.1:{port}", "--replica-header",
        "--kota", *PREPAINTED,  # two seed cities drawn in the background, not five
    ]  # fmt: skip  # the machine's compressed copy, shared with every other start (built once)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    s = Served(proc, port, log)
    deadline = time.monotonic() + 120
    while "Siap:" not in log.read_text():
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
    yield s
    if proc.poll() is None:
        kids = _descendants(proc.pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        for pid in kids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _static_js(name_part: str) -> Path:
    js = serve.streamlit_static_dir() / "static" / "js"
    return next(p for p in js.iterdir() if p.name.startswith(name_part) and p.suffix == ".js")


def test_static_files_compressed_and_immutable(served: Served) -> None:
    plotly = _static_js("PlotlyChart.")
    path = f"/static/js/{plotly.name}"
    for encoding, expected in (("zstd, gzip", "zstd"), ("gzip", "gzip")):
        con = http.client.HTTPConnection("127.0.0.1", served.port, timeout=20)
        con.request("GET", path, headers={"Accept-Encoding": encoding})
        resp = con.getresponse()
        body = resp.read()
        con.close()
        assert resp.status == 200
        assert resp.getheader("Content-Encoding") == expected
        assert resp.getheader("Cache-Control") == serve.IMMUTABLE
        assert resp.getheader("X-Dalamangka-Replica") is None  # Caddy itself, not a replica
        raw = zstandard.ZstdDecompressor().decompress(body) if expected == "zstd" else gzip.decompress(body)
        assert raw == plotly.read_bytes()
        assert len(body) < 0.35 * len(raw)
    page = served.get("/ringkasan", encoding="zstd, gzip")
    assert page.status == 200 and page.getheader("Content-Encoding") in ("zstd", "gzip")
    assert page.getheader("Cache-Control") == "no-store"  # the page (its first screen) is never kept


def test_pages_ask_for_the_first_paint_code_early_and_it_exists(served: Served) -> None:
    """Page responses carry ``Link: rel=modulepreload`` for ``st.html``'s two chunks (a chart's
    first paint is an ``st.html`` image); each link is a real static file, served compressed and
    immutable. Other responses (health, static files) carry no such header."""
    page = served.get("/tren")
    links = re.findall(r"<([^>]+)>; rel=modulepreload; crossorigin", page.getheader("Link") or "")
    assert [Path(u).name.split(".")[0] for u in links] == ["Html", "purify"]
    for url in links:
        resp = served.get(url, encoding="zstd, gzip")
        assert resp.status == 200 and resp.getheader("Cache-Control") == serve.IMMUTABLE
        assert (serve.streamlit_static_dir() / url.lstrip("/")).is_file()
    assert served.get("/_stcore/health").getheader("Link") is None
    assert served.get(links[0]).getheader("Link") is None


def test_sticky_sessions_and_both_replicas_used(served: Served) -> None:
    seen: set[str] = set()
    cookies: dict[str, str] = {}
    for _ in range(24):
        r = served.get("/_stcore/health")
        replica = r.getheader("X-Dalamangka-Replica")
        assert r.status == 200 and replica
        seen.add(replica)
        set_cookie = r.getheader("Set-Cookie") or ""
        assert set_cookie.startswith(serve.COOKIE + "=")
        cookies[replica] = set_cookie.split(";")[0]
    assert len(seen) == 2, "new sessions must reach both replicas"
    for replica, cookie in cookies.items():
        for path in ("/_stcore/health", "/_stcore/host-config", "/favicon.png", "/_stcore/health"):
            assert served.get(path, cookie=cookie).getheader("X-Dalamangka-Replica") == replica
        for path in ("/ringkasan", "/tren?kota=1275"):  # the page shell: Caddy itself answers
            page = served.get(path, cookie=cookie)
            assert page.status == 200 and page.getheader("X-Dalamangka-Replica") is None


def test_page_shell_is_streamlits_page_plus_the_base_url(served: Served) -> None:
    """Every page path gets Streamlit's index.html with the base-URL script first in <head> and
    the first-screen template after <body> (empty for a URL nobody opened), never stored;
    Streamlit's own paths are still answered by a replica; a trailing slash is still Streamlit's
    redirect."""
    index = (serve.streamlit_static_dir() / "index.html").read_text(encoding="utf-8")
    shell = serve.shell_html(index)
    assert shell is not None
    empty = shell.replace(firstscreen.SHELL_TEMPLATE, f'<template id="{firstscreen.TEMPLATE_ID}"></template>')
    # "/" is left out: a health check's run of "/" may have recorded its first screen (Ringkasan)
    for path in ("/?uji=kosong", "/tren?kota=1275&uji=kosong", "/peta?uji=kosong", "/halaman-tak-ada"):
        con = http.client.HTTPConnection("127.0.0.1", served.port, timeout=20)
        con.request(
            "GET",
            path,
            headers={"If-None-Match": '"x"', "If-Modified-Since": "Sun, 29 Nov 2026 00:00:00 GMT"},
        )
        resp = con.getresponse()
        body = resp.read().decode()
        con.close()
        assert resp.status == 200 and resp.getheader("Cache-Control") == "no-store"
        assert resp.getheader("ETag") is None and resp.getheader("Last-Modified") is None
        assert body == empty, path
    assert served.get("/_stcore/health").getheader("X-Dalamangka-Replica")
    assert served.get("/manifest.json").getheader("X-Dalamangka-Replica")
    assert served.get("/tren/").status == 301


def test_app_page_paths_are_the_shells() -> None:
    """serve.PAGE_PATHS is app.py's list of url_path values (and the hidden root page's)."""
    import ast

    from dalamangka.ui.router import ROOT_PATH

    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    urls = {
        n.args[3].value
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "page" and len(n.args) == 4
        and isinstance(n.args[3], ast.Constant)
    }  # fmt: skip
    assert urls | {ROOT_PATH} == set(serve.PAGE_PATHS)


def test_shell_html_needs_one_head_and_one_body() -> None:
    index = "<!DOCTYPE html><html><head><title>x</title></head><body><div id=root></div></body></html>"
    html = serve.shell_html(index)
    assert html is not None and html.startswith("<!DOCTYPE html><html><head><script>")
    screens = firstscreen.SHELL_TEMPLATE + firstscreen.SHELL_SCRIPT
    assert html.replace(serve.shell_script(), "").replace(screens, "") == index
    assert html.index("<body>" + screens) > html.index("</head>")
    assert serve.shell_html(index, screens=False) == html.replace(screens, "")
    assert serve.shell_html(index.replace("<head>", "")) is None
    assert serve.shell_html(index.replace("<title>", "<head><title>")) is None
    assert serve.shell_html(index.replace("<body>", "")) is None
    assert serve.shell_html(index.replace("<title>x", "<title>{{x}}")) is None  # not ours to template


@pytest.mark.browser
def test_browser_session_through_serve_stays_on_one_replica(served: Served) -> None:
    """The app draws through Caddy (websocket proxied). The page shell comes from Caddy and names
    the base URL (no 404 probe). The page's response sets the sticky cookie, so all the session's
    requests and its reloads hit one replica."""
    from playwright.sync_api import sync_playwright

    from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium

    require_chromium()
    replicas: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        ctx = browser.new_context()
        page = ctx.new_page()

        def on_response(resp) -> None:  # type: ignore[no-untyped-def]
            value = resp.headers.get("x-dalamangka-replica")
            # a session's own requests (the favicon is fetched without cookies: any replica)
            if value and any(p in resp.url for p in ("/_stcore/", "/media/")):
                replicas.append(value)

        page.on("response", on_response)
        missing: list[str] = []
        page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
        page.goto(f"http://127.0.0.1:{served.port}/tren?kota=1275")
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        # the page shell named the base URL: no probe of /tren/_stcore/health before /_stcore/...
        assert page.evaluate("window.__streamlit.BACKEND_BASE_URL") == f"http://127.0.0.1:{served.port}/"
        assert missing == []
        assert any(c["name"] == serve.COOKIE for c in ctx.cookies())
        for _ in range(2):
            page.goto(f"http://127.0.0.1:{served.port}/ringkasan?kota=Kota+Medan")
            page.wait_for_selector(IDLE, state="attached", timeout=60_000)
            assert page.locator('[data-testid="stSidebar"]').count() == 1
            page.reload()
            page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        browser.close()
    assert replicas and len(set(replicas)) == 1, replicas


def test_every_replica_ran_the_app_before_ready(served: Served) -> None:
    """serve warms each replica (Streamlit's script health check runs the app once) before it
    prints "Siap", so the first phone does not pay the imports and cold caches."""
    assert "pemanasan" not in served.log.read_text()  # no replica failed its warm-up
    for port in _ports_of_replicas(served):
        con = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
        con.request("GET", serve.WARM)
        resp = con.getresponse()
        assert (resp.status, resp.read()) == (200, b"ok")  # the app runs without an error
        con.close()


def test_killed_replica_sends_new_sessions_to_the_other(served: Served) -> None:
    r = served.get("/_stcore/health")
    victim, cookie = r.getheader("X-Dalamangka-Replica"), (r.getheader("Set-Cookie") or "").split(";")[0]
    assert victim
    pid = _replica_pid(served, int(victim))
    os.killpg(os.getpgid(pid), signal.SIGKILL)
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    got = [served.get("/_stcore/health", cookie=cookie)] + [served.get("/_stcore/health") for _ in range(8)]
    assert all(g.status == 200 for g in got)
    assert {g.getheader("X-Dalamangka-Replica") for g in got} == {
        p for p in _ports_of_replicas(served) if p != victim
    }


def _ports_of_replicas(served: Served) -> set[str]:
    line = next(x for x in served.log.read_text().splitlines() if x.startswith("Siap:"))
    return set(line.split("replika di port ")[1].split(";")[0].split(", "))


def test_seed_cities_first_paints_are_drawn_in_the_background(served: Served) -> None:
    """serve starts prepaint after it is ready (the pages answer meanwhile) and says when it ends."""
    deadline = time.monotonic() + 240
    while serve.PREPAINT_DONE not in served.log.read_text():
        assert "gagal" not in served.log.read_text(), served.log.read_text()
        assert time.monotonic() < deadline, served.log.read_text()
        time.sleep(0.5)
    assert served.log.read_text().index("Siap:") < served.log.read_text().index(serve.PREPAINT_DONE)
    assert "Layar pertama ponsel disiapkan untuk 2 kab/kota: 1275, 1671." in served.log.read_text()  # --kota


def _screens_folder(served: Served) -> Path:
    """serve's first-screen folder, as its replicas were given it (the environment of one that
    is up: an earlier test killed one, which serve restarts after a pause)."""
    deadline = time.monotonic() + 30
    while True:
        for port in sorted(_ports_of_replicas(served)):
            try:
                env = Path(f"/proc/{_replica_pid(served, int(port))}/environ").read_bytes().split(b"\0")
            except (AssertionError, OSError):
                continue
            (value,) = [e.split(b"=", 1)[1] for e in env if e.startswith(firstscreen.ENV.encode() + b"=")]
            return Path(value.decode())
        assert time.monotonic() < deadline, "no replica up"
        time.sleep(0.5)


def test_seed_links_first_screens_are_in_the_page_shell(served: Served, tiny_warehouse: Path) -> None:
    """After prepaint, each seed city's Tren link (``/tren?kota=<code>``) carries its first
    screen in the shell: the page's heading and its phone picture, from the folder of the
    warehouse on disk; a link nobody opened carries none."""
    deadline = time.monotonic() + 240
    while serve.PREPAINT_DONE not in served.log.read_text():
        assert time.monotonic() < deadline, served.log.read_text()
        time.sleep(0.5)
    folder = _screens_folder(served)
    assert os.readlink(folder / firstscreen.CURRENT) == f"w-{firstscreen.stamp(tiny_warehouse)}"
    template = f'<template id="{firstscreen.TEMPLATE_ID}">'
    for kode in PREPAINTED:
        con = http.client.HTTPConnection("127.0.0.1", served.port, timeout=20)
        con.request("GET", f"/tren?kota={kode}")
        body = con.getresponse().read().decode()
        con.close()
        entry = (folder / firstscreen.CURRENT / f"{firstscreen.key('tren', f'kota={kode}')}.html").read_text()
        assert f"{template}{entry}</template>" in body
        assert re.search(r'<h1 class="kda-l-h" style="[^"]*">Tren Kota ', entry) and 'class="kda-fp"' in entry
    # each prepainted city's pages (Ringkasan, Tren, Bandingkan, Peta's two views, Kualitas), linked
    # and canonical
    assert len(list((folder / firstscreen.CURRENT).glob("*.html"))) >= 2 * len(PREPAINTED) * 5


# records, in the page, when the first screen came and went and when the app drew its chart
WATCH = """
window.__kda = {};
const now = () => performance.now();
new MutationObserver((ms) => {
  for (const m of ms) {
    for (const n of m.addedNodes) {
      if (n.id === 'kda-layar' && !window.__kda.shown) {
        window.__kda.shown = now();
        window.__kda.src = n.querySelector('img.kda-fp').getAttribute('src');
        window.__kda.app_then = !!document.querySelector('[data-testid=stApp]');
      }
    }
    for (const n of m.removedNodes) {
      if (n.id === 'kda-layar') {
        window.__kda.gone = now();
        const fp = document.querySelector('#root img.kda-fp');
        window.__kda.app_src = fp && fp.getAttribute('src');
        const drawn = '#root img.kda-fp, #root .vega-embed svg, #root .vega-embed canvas';
        window.__kda.chart_then = [...document.querySelectorAll(drawn)].some(e => e.getClientRects().length);
      }
    }
  }
}).observe(document, {subtree: true, childList: true});
"""


@pytest.mark.browser
def test_browser_phone_sees_the_first_screen_until_the_app_draws_its_chart(served: Served) -> None:
    """On a phone-sized screen a seed link shows its first screen before Streamlit has drawn
    anything; it gives way once the app's own chart is on screen, and it was the same picture.
    On a laptop-sized screen it is never shown."""
    from playwright.sync_api import sync_playwright

    from tests.browser import ARGS, CHROMIUM, IDLE, PHONE, require_chromium

    require_chromium()
    deadline = time.monotonic() + 240
    while serve.PREPAINT_DONE not in served.log.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.5)
    url = f"http://127.0.0.1:{served.port}/bandingkan?kota=1275"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        phone = browser.new_context(**PHONE)
        phone.add_init_script(WATCH)
        page = phone.new_page()
        page.goto(url)
        page.wait_for_function("window.__kda && window.__kda.gone", timeout=60_000)
        seen = page.evaluate("window.__kda")
        assert seen["shown"] < seen["gone"] and seen["app_then"] is False  # before the app
        assert seen["chart_then"] is True  # it left when the app's chart was on screen
        assert seen["app_src"] == seen["src"]  # the very picture the app shows
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        assert page.locator("#kda-layar").count() == 0
        laptop = browser.new_context(viewport={"width": 1366, "height": 900})
        laptop.add_init_script(WATCH)
        wide = laptop.new_page()
        wide.goto(url)
        wide.wait_for_selector(IDLE, state="attached", timeout=60_000)
        assert "kda-layar" in wide.content()  # in the shell's inert template ...
        assert wide.evaluate("window.__kda.shown") is None  # ... never shown
        browser.close()


def test_sigterm_stops_every_process(served: Served) -> None:
    time.sleep(0.5)
    kids = _descendants(served.proc.pid)
    assert len(kids) >= 2  # Caddy and at least one replica (the killed one may be restarting)
    served.proc.send_signal(signal.SIGTERM)
    assert served.proc.wait(timeout=30) == 0
    deadline = time.monotonic() + 5
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [k for k in kids if _alive(k)], "orphan processes after SIGTERM"
    with pytest.raises(OSError):
        served.get("/_stcore/health")
    assert "Semua proses dihentikan." in served.log.read_text()


def test_preload_paths_need_exactly_one_file_each(tmp_path: Path) -> None:
    js = tmp_path / "static" / "js"
    js.mkdir(parents=True)
    (js / "Html.abc.js").write_text("")
    assert serve.preload_paths(tmp_path) == ()  # purify missing: nothing preloaded
    (js / "purify.es.def.js").write_text("")
    assert serve.preload_paths(tmp_path) == ("/static/js/Html.abc.js", "/static/js/purify.es.def.js")
    (js / "Html.zzz.js").write_text("")
    assert serve.preload_paths(tmp_path) == ()  # two builds' names: ambiguous, nothing preloaded


def test_serve_starts_without_the_import_machinery() -> None:
    """``python -m dalamangka serve`` parses its own arguments without importing the importer,
    pandas or the decks (a start's CPU 1.45 -> 0.2 s); the other commands are still there."""
    got = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dalamangka", "serve", "--help"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "--replicas" in got.stdout and "--public-url" in got.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in got.stderr.splitlines()}
    assert "dalamangka.serve" in imported
    assert not {"pandas", "dalamangka.importer", "dalamangka.deck", "duckdb"} & imported
    top = subprocess.run(
        [sys.executable, "-m", "dalamangka", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert top.returncode == 0 and all(c in top.stdout for c in ("build", "import", "serve", "decks-gc"))


def test_kota_names_the_cities_whose_first_screens_are_prepared(full: Any) -> None:
    """``serve --kota``: a kab/kota code, a province (all its kab/kota) or ``kota`` (the 98), in
    the order given, each once; one value naming nothing refuses the whole list."""
    regions = serve.regions_of(full)
    babel = ["1901", "1902", "1903", "1904", "1905", "1906", "1971"]  # Kepulauan Bangka Belitung
    assert serve.prepaint_cities(["19"], regions) == babel
    assert serve.prepaint_cities(["1971", "19", " 1275 "], regions) == ["1971", *babel[:-1], "1275"]
    every_kota = serve.prepaint_cities(["kota"], regions)
    assert len(every_kota) == 98 and {"1275", "1671", "1971", "2172", "3375"} <= set(every_kota)
    for bad in ("9999", "00", "Medan", "12750"):  # unknown, the nation, a name, a kecamatan-length code
        with pytest.raises(ValueError, match=f"--kota “{bad}” tidak dikenal"):
            serve.prepaint_cities(["1275", bad], regions)


def test_serve_refuses_an_unknown_kota_before_starting_anything(tiny_warehouse: Path) -> None:
    env = {**os.environ, "DALAMANGKA_WAREHOUSE": str(tiny_warehouse)}
    cmd = [sys.executable, "-m", "dalamangka", "serve", "--port", str(free_port()), "--kota", "1275", "9999"]
    got = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert got.returncode == 2 and "--kota “9999” tidak dikenal di gudang data" in got.stderr
    assert "Memulai" not in got.stderr  # no replica, no Caddy
    with_off = subprocess.run([*cmd[:-2], "--kota", "1275", "--no-prepaint"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
    assert with_off.returncode == 2 and "--no-prepaint" in with_off.stderr
