"""The front door of `streamlit run app.py` (dalamangka/front.py): TCP_NODELAY, Streamlit's
front-end files from memory and compressed, the page shell; everything else passed on."""

from __future__ import annotations

import asyncio
import gzip
import re
import socket
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from dalamangka import config, firstscreen, front, serve

JS = b"export function f(){return 'Kota Dalam Angka';}\n" * 80  # compressible, over MIN_BYTES
INDEX = "<!doctype html><html><head><title>Streamlit</title></head><body><div id=root></div></body></html>"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """A Streamlit-like build: index.html, a module, a font, a file type it does not serve."""
    static = tmp_path / "streamlit-static"
    (static / "static" / "js").mkdir(parents=True)
    (static / "static" / "media").mkdir(parents=True)
    (static / "index.html").write_text(INDEX, encoding="utf-8")
    (static / "static" / "js" / "index.Ab12.js").write_bytes(JS)
    (static / "static" / "js" / "tiny.Cd34.js").write_bytes(b"export{};")
    (static / "static" / "media" / "font.Ef56.woff2").write_bytes(bytes(range(256)) * 8)
    (static / "static" / "js" / "notes.Gh78.xyz").write_bytes(b"?")
    return static


class Inner:
    """Stands in for Streamlit behind the door: records what reached it."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.seen.append(f"{scope['type']} {scope.get('method', '')} {scope['path']}")
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"inner"})


def call(
    door: front.FrontDoor, path: str, method: str = "GET", kind: str = "http", query: str = "", **headers: str
):
    scope = {
        "type": kind,
        "method": method,
        "path": path,
        "query_string": query.encode("latin-1"),
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(door(scope, receive, send))
    if not sent:
        return None, {}, b""
    head = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    return sent[0]["status"], head, b"".join(m.get("body", b"") for m in sent[1:])


def door_over(
    build: Path, tmp_path: Path, compressed: bool = True, base_url: str = "", geo: Path | None = None
):
    files = front.Files(build, geo=geo)
    if compressed:
        files.use_compressed(serve.precompress(build, tmp_path / "cache"))
    shell = serve.shell_html(INDEX, screens=False)
    assert shell is not None
    inner = Inner()
    return front.FrontDoor(inner, files, shell.encode(), base_url), inner


def test_static_file_by_the_browsers_encoding(build: Path, tmp_path: Path) -> None:
    door, inner = door_over(build, tmp_path)
    status, head, body = call(door, "/static/js/index.Ab12.js", accept_encoding="gzip, deflate, br, zstd")
    assert status == 200
    assert head["content-encoding"] == "zstd"
    assert zstandard.ZstdDecompressor().decompress(body) == JS
    assert head["content-type"] == "text/javascript"
    assert head["cache-control"] == "public, immutable, max-age=31536000"
    assert head["vary"] == "Accept-Encoding"
    assert head["content-length"] == str(len(body))
    status, head, body = call(door, "/static/js/index.Ab12.js", accept_encoding="gzip")
    assert (status, head["content-encoding"], gzip.decompress(body)) == (200, "gzip", JS)
    status, head, body = call(door, "/static/js/index.Ab12.js", accept_encoding="zstd;q=0, gzip;q=0.5")
    assert (head["content-encoding"], gzip.decompress(body)) == ("gzip", JS)
    status, head, body = call(door, "/static/js/index.Ab12.js")
    assert (status, body) == (200, JS)
    assert "content-encoding" not in head
    # a file too small to be worth a compressed copy: as it is, whatever the browser accepts
    status, head, body = call(door, "/static/js/tiny.Cd34.js", accept_encoding="zstd, gzip")
    assert (status, body, "content-encoding" in head) == (200, b"export{};", False)
    status, head, body = call(door, "/static/media/font.Ef56.woff2")
    assert (status, head["content-type"], body) == (200, "font/woff2", bytes(range(256)) * 8)
    # read once: served from memory afterwards (the file gone from disk changes nothing)
    (build / "static" / "js" / "index.Ab12.js").unlink()
    status, head, body = call(door, "/static/js/index.Ab12.js", accept_encoding="gzip")
    assert (status, gzip.decompress(body)) == (200, JS)
    assert inner.seen == []


def test_head_etag_and_what_goes_to_streamlit(build: Path, tmp_path: Path) -> None:
    door, inner = door_over(build, tmp_path)
    status, head, body = call(door, "/static/js/index.Ab12.js", method="HEAD", accept_encoding="gzip")
    assert (status, body) == (200, b"")
    assert int(head["content-length"]) == len(gzip.compress(JS, compresslevel=9, mtime=0))
    etag = head["etag"]
    status, head, body = call(door, "/static/js/index.Ab12.js", accept_encoding="gzip", if_none_match=etag)
    assert (status, body, head["etag"]) == (304, b"", etag)
    # the same tag for another coding is not a match
    status, _h, _b = call(door, "/static/js/index.Ab12.js", accept_encoding="zstd", if_none_match=etag)
    assert status == 200
    assert inner.seen == []
    for path, method, kind, headers in [
        ("/static/js/index.Ab12.js", "GET", "http", {"range": "bytes=0-9"}),  # Streamlit does ranges
        ("/static/js/missing.Zz99.js", "GET", "http", {}),
        ("/static/js/notes.Gh78.xyz", "GET", "http", {}),  # a type the door does not serve
        ("/static/../index.html", "GET", "http", {}),
        ("/static/js/index.Ab12.js", "POST", "http", {}),
        ("/_stcore/health", "GET", "http", {}),
        ("/_stcore/stream", "", "websocket", {}),
        ("/app/static/geo/batas.json", "GET", "http", {}),
        ("/tidak-ada", "GET", "http", {}),
        ("/tren/", "GET", "http", {}),  # Streamlit redirects a trailing slash
    ]:
        status, _h, body = call(door, path, method=method, kind=kind, **headers)
        assert (status, body) == ((404, b"inner") if kind == "http" else (None, b"")), path
    assert inner.seen == [
        "http GET /static/js/index.Ab12.js",
        "http GET /static/js/missing.Zz99.js",
        "http GET /static/js/notes.Gh78.xyz",
        "http GET /static/../index.html",
        "http POST /static/js/index.Ab12.js",
        "http GET /_stcore/health",
        "websocket  /_stcore/stream",
        "http GET /app/static/geo/batas.json",
        "http GET /tidak-ada",
        "http GET /tren/",
    ]


def test_page_shell_names_the_base_url(build: Path, tmp_path: Path) -> None:
    door, inner = door_over(build, tmp_path)
    for path in ["/", "/tren", "/peta", "/ringkasan", "/kualitas", "/bandingkan", "/impor"]:
        status, head, body = call(door, path)
        assert status == 200, path
        assert head["content-type"] == "text/html; charset=utf-8"
        assert head["cache-control"] == "no-cache"
        html = body.decode()
        assert html.startswith("<!doctype html><html><head><script>")
        assert "window.__streamlit={BACKEND_BASE_URL:" in html
        assert html.endswith("<title>Streamlit</title></head><body><div id=root></div></body></html>")
    assert inner.seen == []


PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
    " Mobile Safari/537.36"
)
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def test_a_phone_gets_the_first_screen_recorded_for_its_url(build: Path, tmp_path: Path) -> None:
    """As serve's Caddy does: the first screen a session's first run recorded for this exact
    page and query goes inside the shell's template, for a phone only; another query, another
    warehouse or a desktop gets the empty template, the page loading as before."""
    warehouse = tmp_path / "warehouse.duckdb"
    warehouse.write_bytes(b"v1")
    layar = tmp_path / "layar"
    files = front.Files(build)
    shell = serve.shell_html(INDEX, screens=True)
    assert shell is not None and "{{" in shell  # Caddy's template expression, replaced by the door
    door = front.FrontDoor(Inner(), files, shell.encode(), "/kda", front.Screens(layar, lambda: warehouse))
    stamp = firstscreen.stamp(warehouse)
    for page, query, html in [
        ("tren", "kota=1275&ind=ipm", "<h1>Tren Kota Medan</h1>"),
        ("/", "", "<h1>Ringkasan</h1>"),
    ]:
        assert firstscreen.record(layar, warehouse, stamp, page, query, html) is not None
    empty = f'<template id="{firstscreen.TEMPLATE_ID}"></template>'
    box = f'<template id="{firstscreen.TEMPLATE_ID}"><div id="{firstscreen.BOX}" aria-busy="true">'

    def page_of(path: str, query: str = "", agent: str = PHONE, **hints: str) -> str:
        status, head, body = call(door, path, query=query, user_agent=agent, **hints)
        assert status == 200 and head["vary"] == "User-Agent, Sec-CH-UA-Mobile"
        html = body.decode()
        assert "{{" not in html and html.count(firstscreen.SHELL_SCRIPT) == 1
        return html

    assert box + "<h1>Tren Kota Medan</h1></div></template>" in page_of("/kda/tren", "kota=1275&ind=ipm")
    assert box + "<h1>Ringkasan</h1></div></template>" in page_of("/kda")
    assert box + "<h1>Ringkasan</h1></div></template>" in page_of(
        "/kda/", agent=DESKTOP, sec_ch_ua_mobile="?1"
    )
    assert empty in page_of("/kda/tren", "kota=1275&ind=ipm", agent=DESKTOP)  # a desktop: never
    assert empty in page_of("/kda/tren", "ind=ipm&kota=1275")  # the query exactly as sent
    assert empty in page_of("/kda/peta", "kota=1275&ind=ipm")
    warehouse.write_bytes(b"v2, a new import")  # another warehouse: the old screens are gone
    assert empty in page_of("/kda/tren", "kota=1275&ind=ipm")
    assert not (layar / firstscreen.folder_of(layar, stamp).name).exists()
    # no folder (a door without screens): the empty template
    bare = front.FrontDoor(Inner(), files, shell.encode(), "", front.Screens(None))
    assert empty in call(bare, "/tren", query="kota=1275&ind=ipm", user_agent=PHONE)[2].decode()


def test_files_are_uncompressed_until_the_copy_exists(build: Path, tmp_path: Path) -> None:
    door, _inner = door_over(build, tmp_path, compressed=False)
    status, head, body = call(door, "/static/js/index.Ab12.js", accept_encoding="zstd, gzip")
    assert (status, body, "content-encoding" in head, "vary" in head) == (200, JS, False, False)
    door.files.use_compressed(serve.precompress(build, tmp_path / "cache"))
    status, head, body = call(door, "/static/js/index.Ab12.js", accept_encoding="zstd, gzip")
    assert head["content-encoding"] == "zstd"
    assert zstandard.ZstdDecompressor().decompress(body) == JS


def test_behind_a_path_prefix(build: Path, tmp_path: Path) -> None:
    door, inner = door_over(build, tmp_path, base_url="/kda/")
    status, _head, body = call(door, "/kda/static/js/index.Ab12.js", accept_encoding="gzip")
    assert (status, gzip.decompress(body)) == (200, JS)
    assert call(door, "/kda/tren")[0] == 200
    assert call(door, "/kda")[0] == 200
    assert call(door, "/static/js/index.Ab12.js")[0] == 404
    assert call(door, "/kdax/tren")[0] == 404
    assert inner.seen == ["http GET /static/js/index.Ab12.js", "http GET /kdax/tren"]


def test_boundary_files_compressed_once(build: Path, tmp_path: Path) -> None:
    """A boundary file as the app publishes it (a shipped shapes file): only a
    digest name of the exact pattern is read; a name not written yet goes to Streamlit."""
    from dalamangka import vegamap
    from dalamangka.ui import vegamapchart

    geo = tmp_path / "geo"
    body = min((config.ROOT / "data" / "geo").glob("*.geojson"), key=lambda p: p.stat().st_size).read_bytes()
    name = vegamap.geometry_name(body)
    assert vegamapchart.publish_geometry(body, name, geo)
    door, inner = door_over(build, tmp_path, geo=geo)
    status, head, got = call(door, f"/app/static/geo/{name}", accept_encoding="gzip, zstd")
    assert status == 200
    assert zstandard.ZstdDecompressor().decompress(got) == body
    assert head["content-type"] == "application/json"
    assert head["cache-control"] == "public, immutable, max-age=31536000"
    assert head["access-control-allow-origin"] == "*"
    status, head, got = call(door, f"/app/static/geo/{name}", accept_encoding="gzip")
    assert (head["content-encoding"], gzip.decompress(got)) == ("gzip", body)
    assert call(door, f"/app/static/geo/{name}")[2] == body
    missing = "batas-" + "0" * 20 + ".json"
    others = ["/app/static/geo/../../app.py", "/app/static/geo/batas-x.json"]
    for path in [f"/app/static/geo/{missing}", *others]:
        assert call(door, path)[0] == 404, path
    assert inner.seen == [
        f"http GET /app/static/geo/{missing}",
        "http GET /app/static/geo/../../app.py",
        "http GET /app/static/geo/batas-x.json",
    ]


def test_accepted_encoding() -> None:
    assert front.accepted_encoding("gzip, deflate, br, zstd") == ["gzip", "deflate", "br", "zstd"]
    assert front.accepted_encoding("zstd;q=0, GZIP;q=0.8, br; q=1") == ["gzip", "br"]
    assert front.accepted_encoding("") == []
    assert front.accepted_encoding("gzip;q=abc, zstd") == ["zstd"]


@given(st.text(max_size=80))
def test_accepted_encoding_any_header(header: str) -> None:
    names = front.accepted_encoding(header)
    lowered = header.lower()
    assert all(n and n in lowered and "," not in n for n in names)


def test_enabled_switch() -> None:
    assert front.enabled({}) is True
    assert front.enabled({front.ENV: "1"}) is True
    assert front.enabled({front.ENV: "0"}) is False


def test_nodelay_reaches_the_connections_a_listener_accepts() -> None:
    with socket.socket() as listener:  # protocol 0, as Streamlit binds its own
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def accepted_nodelay() -> int:
            with socket.create_connection(listener.getsockname()) as client:
                conn, _addr = listener.accept()
                with conn:
                    assert client.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
                    return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)

        assert accepted_nodelay() == 0
        assert front.nodelay_listeners() >= 1
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        assert accepted_nodelay() == 1


def test_streamlit_run_serves_through_the_door(full_warehouse: Path, tmp_path: Path) -> None:
    """`streamlit run app.py` as users start it: its log names the door, a page path gets the
    shell, Streamlit's own modules come back compressed once the copy exists, byte for byte."""
    from tests.browser import streamlit_server

    log = tmp_path / "streamlit.log"
    static = serve.streamlit_static_dir()
    index = next((static / "static" / "js").glob("index.*.js"))
    with streamlit_server(full_warehouse, log=log) as base:
        with urllib.request.urlopen(base + "/tren?kota=1275", timeout=30) as r:
            assert "window.__streamlit={BACKEND_BASE_URL:" in r.read().decode()
        url = f"{base}/static/js/{index.name}"
        deadline = time.monotonic() + 120
        while True:
            req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(req, timeout=30) as r:
                coding, body = r.headers.get("Content-Encoding"), r.read()
                assert r.headers["Cache-Control"] == "public, immutable, max-age=31536000"
            if coding == "gzip" or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert coding == "gzip"
        assert gzip.decompress(body) == index.read_bytes()
        with urllib.request.urlopen(base + "/_stcore/health", timeout=30) as r:
            assert r.read() == b"ok"
    text = log.read_text(encoding="utf-8")
    assert re.search(r"Pintu depan: TCP_NODELAY pada [1-9]\d* soket", text), text
