"""The front door of ``streamlit run app.py``: what ``serve``'s Caddy does, for the one-command laptop.

``app.py`` is an ``st.App`` (Streamlit's ASGI entry point): ``streamlit run app.py`` imports it and
serves it with this module's middleware and start-up hook in front of Streamlit.

- **TCP_NODELAY.** Streamlit 1.67 binds its listening socket with ``socket.socket(family)``
  (protocol 0), so asyncio's ``_set_nodelay`` (which checks ``proto == IPPROTO_TCP``) never turns
  Nagle's algorithm off on the connections it accepts. A small response on a kept-alive
  connection (a status line, then a body of a few hundred bytes) then waits for the browser's
  delayed ACK: 40 ms each (measured: 43 ms for the second request of a 109-byte file on one
  connection, 0.9 ms with TCP_NODELAY). A first view fetches ~60 of Streamlit's modules on six
  connections, then ~35 more for its elements, and the websocket's small frames wait the same way.
  :func:`nodelay_listeners` sets the option on the process's listening sockets at start-up; Linux
  gives it to every connection they accept.
- **Streamlit's front-end files from memory, compressed** (:class:`FrontDoor`): ``/static/...``
  (content-hashed names) comes from the copy ``serve`` compresses once (zstd and gzip beside each
  file, :func:`dalamangka.serve.precompress`), by the browser's ``Accept-Encoding``, with the
  same ``public, immutable`` header. A Tren view: 3.7 MB -> 1.3 MB. Until that copy exists (its
  first build takes ~10 s, in the background) the files are served as they are.
- **The national map's boundaries** (``/app/static/geo/batas-<digest>.json``, written by
  :func:`dalamangka.ui.vegamapchart.publish_geometry`, named by the digest of their content):
  read once, compressed once in memory, sent with ``public, immutable``. Streamlit's own static
  serving gzips the 0.5 MB file again for every view, on the server's event loop.
- **The page shell** for the app's page paths: Streamlit's ``index.html`` with the script that
  names the app's base URL (:func:`dalamangka.serve.shell_script`), so the front end does not
  first probe ``/<page>/_stcore/health`` (a 404) and wait ~0.15 s before trying ``/``.
- **A phone's first screen in the shell** (:mod:`dalamangka.firstscreen`, as ``serve``'s Caddy
  puts it there with its ``templates``): a session's first run of a chart page records the page's
  first screen for the URL it opened, into a folder of this process (:class:`Screens`, a
  temporary folder made at start-up unless ``DALAMANGKA_FIRSTSCREEN`` names one); the next phone
  opening the same URL (a QR link in the room) gets it inside the shell and sees the chart at
  once. Only for a browser that says it is a phone (``Mobi`` in its User-Agent, or
  ``Sec-CH-UA-Mobile: ?1``): a desktop never shows it, so it never gets its bytes.

Anything else (the websocket, ``/_stcore/*``, media, the app's own ``/app/static``, a Range
request, a file this build does not have) goes to Streamlit unchanged. ``DALAMANGKA_FRONT=0``
switches all of it off (the app is then served exactly as Streamlit serves it). Pure module: no
Streamlit import (``app.py`` builds the ``st.App``).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dalamangka import config, firstscreen, serve

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ENV = config.FRONT_ENV
# the front-end files this serves itself, by suffix (anything else goes to Streamlit)
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".wasm": "application/wasm",
    ".txt": "text/plain",
}
ENCODINGS = serve.SIDECARS  # (content coding, suffix of its copy), preferred first
GEO_PREFIX = "/app/static/geo/"
GEO_NAME = re.compile(r"batas-[0-9a-f]{20}\.json")  # dalamangka.vegamap.geometry_name
GEO_HEADERS = ((b"access-control-allow-origin", b"*"), (b"x-content-type-options", b"nosniff"))


def enabled(environ: MutableMapping[str, str] = os.environ) -> bool:
    return environ.get(ENV, "1").strip() != "0"


def nodelay_listeners() -> int:
    """Turn Nagle's algorithm off on every listening TCP socket of this process (Linux: sockets
    it accepts inherit the option). Returns how many were set; 0 where ``/proc`` is missing."""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return 0
    count = 0
    for name in fds:
        try:
            sock = socket.socket(fileno=os.dup(int(name)))
        except (OSError, ValueError):  # not a socket, or gone since the listing
            continue
        with sock:
            try:
                if (
                    sock.family in (socket.AF_INET, socket.AF_INET6)
                    and sock.type == socket.SOCK_STREAM
                    and sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
                ):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    count += 1
            except OSError:
                continue
    return count


def accepted_encoding(header: str) -> list[str]:
    """The content codings a request's ``Accept-Encoding`` allows (``q=0`` refuses one)."""
    out = []
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
        try:
            ok = float(q) > 0
        except ValueError:
            ok = False
        if name.strip() and ok:
            out.append(name.strip().lower())
    return out


@dataclass
class _File:
    body: bytes
    ctype: str
    etag: str
    coded: dict[str, bytes] = field(default_factory=dict)  # content coding -> body


class Files:
    """Streamlit's front-end build, read once per file into memory: the original from
    Streamlit's static folder, the compressed forms from ``serve``'s compressed copy once it
    exists; and the app's boundary files. Only names the build has, or names of the boundary
    files' exact pattern, are ever read (no other path from a request reaches the disk)."""

    def __init__(self, static: Path, compressed: Path | None = None, geo: Path | None = None) -> None:
        self.static = static
        self.geo = geo
        self.names = {
            "/" + p.relative_to(static).as_posix()
            for p in static.glob("static/**/*")
            if p.is_file() and p.suffix.lower() in TYPES
        }
        self.compressed = compressed
        self._cache: dict[str, _File] = {}
        self._lock = threading.Lock()

    def use_compressed(self, folder: Path) -> None:
        """From now on, serve the compressed forms in ``folder``: every file is read again on its
        next request (a response under way keeps the form it started with)."""
        with self._lock:
            self.compressed = folder
            self._cache.clear()

    def cached(self, key: str) -> _File | None:
        """A file already in memory (``/static/...`` or ``/app/static/geo/...``), or None."""
        return self._cache.get(key)

    def get_geo(self, name: str) -> _File | None:
        """A boundary file by its digest name, compressed once (None: not a boundary file's name,
        or not written yet; Streamlit then answers)."""
        if self.geo is None or not GEO_NAME.fullmatch(name):
            return None
        key = GEO_PREFIX + name
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        try:
            body = (self.geo / name).read_bytes()  # written whole and renamed into place
        except OSError:
            return None
        f = _File(body, "application/json", f'"{name[6:26]}"', serve.compressed_forms(body))
        with self._lock:
            self._cache[key] = f
        return f

    def get(self, name: str) -> _File | None:
        if name not in self.names:
            return None
        hit = self._cache.get(name)
        if hit is not None:
            return hit
        body = (self.static / name.lstrip("/")).read_bytes()
        coded = {}
        if self.compressed is not None:
            copy = self.compressed / name.lstrip("/")
            for coding, suffix in ENCODINGS:
                side = copy.with_name(copy.name + suffix)
                if side.is_file():
                    coded[coding] = side.read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:20]
        f = _File(body, TYPES[Path(name).suffix.lower()], f'"{digest}"', coded)
        with self._lock:
            self._cache[name] = f
        return f


async def _respond(send: Send, status: int, hdrs: list[tuple[bytes, bytes]], body: bytes, head: bool) -> None:
    headers = [*hdrs, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})


class Screens:
    """The first screens this process records and serves (:mod:`dalamangka.firstscreen`):
    ``root`` is set at start-up (:meth:`Front.start`); None serves none."""

    def __init__(
        self, root: Path | None = None, warehouse: Callable[[], Path] = config.warehouse_path
    ) -> None:
        self.root = root
        self.warehouse = warehouse

    def entry(self, page: str, raw_query: str) -> bytes:
        """The first screen recorded for ``page`` opened with ``raw_query`` (the query string as
        the browser sent it), for the warehouse on disk now; empty when there is none. Folders
        of an older warehouse are removed (:func:`dalamangka.firstscreen.point`)."""
        if self.root is None:
            return b""
        try:
            now = firstscreen.point(self.root, self.warehouse())
            if now is None:
                return b""
            path = firstscreen.folder_of(self.root, now) / f"{firstscreen.key(page, raw_query)}.html"
            return path.read_bytes()
        except OSError:  # none recorded yet (or a folder that cannot be read): no first screen
            return b""


TEMPLATE_OPEN = f'<template id="{firstscreen.TEMPLATE_ID}">'.encode()


def is_phone(headers: dict[bytes, bytes]) -> bool:
    """Whether the browser says it is a phone: ``Sec-CH-UA-Mobile: ?1`` (Chromium, on secure
    origins) or ``Mobi`` in its User-Agent (every phone browser; MDN's advice)."""
    return firstscreen.is_phone(
        headers.get(b"user-agent", b"").decode("latin-1"),
        headers.get(b"sec-ch-ua-mobile", b"").decode("latin-1"),
    )


class FrontDoor:
    """ASGI middleware in front of Streamlit: its ``/static/...`` files from memory, compressed,
    and the page shell for the app's page paths (with the URL's first screen for a phone, when
    ``screens`` has one); everything else passed on."""

    def __init__(
        self,
        app: ASGIApp,
        files: Files,
        shell: bytes | None,
        base_url: str = "",
        screens: Screens | None = None,
    ) -> None:
        self.app = app
        self.files = files
        self.shell = shell
        self.screens = screens
        self.prefix = "/" + base_url.strip("/") if base_url.strip("/") else ""
        self.pages = {"/", *(f"/{p}" for p in serve.PAGE_PATHS)}
        # a shell with serve's first-screen template: its Caddy expression is replaced by the
        # recorded first screen (or by nothing)
        self.around: tuple[bytes, bytes] | None = None
        caddy = firstscreen.SHELL_TEMPLATE.encode()
        if shell is not None and shell.count(caddy) == 1 and caddy.startswith(TEMPLATE_OPEN):
            before, after = shell.split(caddy)
            self.around = (before + TEMPLATE_OPEN, b"</template>" + after)

    async def _shell(self, path: str, scope: Scope, headers: dict[bytes, bytes]) -> bytes:
        assert self.shell is not None
        if self.around is None:
            return self.shell
        entry = b""
        if self.screens is not None and is_phone(headers):
            page = "/" if path == "/" else path.rsplit("/", 1)[-1]  # as ui/screen.py records it
            query = bytes(scope.get("query_string", b"")).decode("latin-1")
            entry = await asyncio.to_thread(self.screens.entry, page, query)
        return self.around[0] + entry + self.around[1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if self.prefix:
            if path != self.prefix and not path.startswith(self.prefix + "/"):
                await self.app(scope, receive, send)
                return
            path = path[len(self.prefix) :] or "/"
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        head = scope["method"] == "HEAD"
        # a file not in memory yet is read (and a boundary file compressed) in a worker thread:
        # the event loop keeps serving every other session meanwhile
        if path.startswith("/static/") and b"range" not in headers:
            f = self.files.cached(path) or await asyncio.to_thread(self.files.get, path)
            if f is not None:
                await self._file(f, headers, send, head)
                return
        elif path.startswith(GEO_PREFIX) and b"range" not in headers:
            name = path[len(GEO_PREFIX) :]
            f = self.files.cached(path) or await asyncio.to_thread(self.files.get_geo, name)
            if f is not None:
                await self._file(f, headers, send, head, GEO_HEADERS)
                return
        elif self.shell is not None and path in self.pages:
            out = [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"no-cache")]
            if self.around is not None:
                out.append((b"vary", b"User-Agent, Sec-CH-UA-Mobile"))
            await _respond(send, 200, out, await self._shell(path, scope, headers), head)
            return
        await self.app(scope, receive, send)

    @staticmethod
    async def _file(
        f: _File,
        headers: dict[bytes, bytes],
        send: Send,
        head: bool,
        extra: tuple[tuple[bytes, bytes], ...] = (),
    ) -> None:
        accepted = accepted_encoding(headers.get(b"accept-encoding", b"").decode("latin-1"))
        coding = next((c for c, _s in ENCODINGS if c in f.coded and c in accepted), None)
        body = f.coded[coding] if coding else f.body
        etag = f.etag if coding is None else f.etag[:-1] + "-" + coding + '"'
        out = [
            (b"content-type", f.ctype.encode()),
            (b"cache-control", serve.IMMUTABLE.encode()),
            (b"etag", etag.encode()),
            *extra,
        ]
        if f.coded:
            out.append((b"vary", b"Accept-Encoding"))
        if coding:
            out.append((b"content-encoding", coding.encode()))
        if etag in headers.get(b"if-none-match", b"").decode("latin-1"):
            await send({"type": "http.response.start", "status": 304, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        await _respond(send, 200, out, body, head)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Front:
    """What ``app.py`` hands ``st.App``: the middleware's options and the start-up hook."""

    files: Files
    shell: bytes | None
    base_url: str = ""
    cache_root: Path = field(default_factory=serve.default_cache_dir)
    screens: Screens = field(default_factory=Screens)

    def middleware_kwargs(self) -> dict[str, Any]:
        return {"files": self.files, "shell": self.shell, "base_url": self.base_url, "screens": self.screens}

    def start(self) -> None:
        """At start-up, before the first connection: TCP_NODELAY, the first screens' folder (the
        sessions of this process record into it), then the compressed copy (in the background;
        built once per Streamlit version, reused by every later start)."""
        n = nodelay_listeners()
        _log(f"Pintu depan: TCP_NODELAY pada {n} soket; berkas statis Streamlit dari memori.")
        self.screens.root = firstscreen.root() or self._screens_folder()
        threading.Thread(target=self._compress, name="dalamangka-precompress", daemon=True).start()

    @staticmethod
    def _screens_folder() -> Path | None:
        """A temporary folder for this process's first screens, named for the script runs
        (``DALAMANGKA_FIRSTSCREEN``) and removed at exit: a first screen never outlives the
        process that recorded it. None when no folder can be made (then none is recorded)."""
        try:
            folder = Path(tempfile.mkdtemp(prefix="dalamangka-layar-"))
        except OSError:
            return None
        os.environ[firstscreen.ENV] = str(folder)
        atexit.register(shutil.rmtree, folder, True)
        return folder

    def _compress(self) -> None:
        try:
            folder = serve.precompress(self.files.static, self.cache_root, _log)
        except OSError as e:  # a read-only home, a full disk: the files stay uncompressed
            _log(f"Pintu depan: berkas statis tidak dikompresi ({e}); dikirim apa adanya.")
            return
        self.files.use_compressed(folder)
        _log("Pintu depan: berkas statis dikirim terkompresi (zstd/gzip).")

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: object) -> AsyncIterator[None]:
        self.start()
        yield None


def build(base_url: str = "", geo: Path | None = None) -> Front:
    """The front door over the installed Streamlit's build (and the app's boundary files in
    ``geo``, when Streamlit serves the app's static folder)."""
    static = serve.streamlit_static_dir()
    html = serve.shell_html((static / "index.html").read_text(encoding="utf-8"), screens=True)
    return Front(Files(static, geo=geo), html.encode() if html is not None else None, base_url)
