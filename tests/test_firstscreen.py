"""A chart page's first screen in serve's page shell (dalamangka/firstscreen.py, ui/screen.py):
recorded only by a session's first run, only for the warehouse it was made from, found by Caddy
under the key Python computes, and never served for another warehouse file."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dalamangka import firstpaint, firstscreen, serve
from dalamangka.ui import prepaint
from tests.conftest import AppFactory

pytestmark = pytest.mark.usefixtures("first_paints")  # tests/conftest.py

IMG = '<img class="kda-fp" alt="x" height="10" src="data:image/svg+xml,%3Csvg%3E">'


def _warehouse(folder: Path, content: bytes = b"v1") -> Path:
    path = folder / "warehouse.duckdb"
    path.write_bytes(content)
    return path


def _recorded(tmp_path: Path, page: str, query: str) -> tuple[Path, Path, str, Path]:
    """A warehouse, serve's folder pointed at it and one first screen recorded: (warehouse,
    folder, stamp, file)."""
    wh, base = _warehouse(tmp_path), tmp_path / "layar"
    run = firstscreen.point(base, wh)
    assert run is not None
    entry = firstscreen.record(base, wh, run, page, query, firstscreen.entry_html("h", "m", IMG, "s", "id"))
    assert entry is not None
    return wh, base, run, entry


# ------------------------------------------------------------------ files and their folder


def test_record_writes_one_whole_file_for_the_warehouse_of_the_run(tmp_path: Path) -> None:
    wh = _warehouse(tmp_path)
    base = tmp_path / "layar"
    run = firstscreen.stamp(wh)
    html = firstscreen.entry_html("Tren Kota Medan", "IPM naik.", IMG, "BPS", "id")
    out = firstscreen.record(base, wh, run, "tren", "kota=1275", html)
    assert out == base / f"w-{run}" / f"{firstscreen.key('tren', 'kota=1275')}.html"
    assert out.read_text() == f'<div id="kda-layar" aria-busy="true">{html}</div>'
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    assert out.stat().st_mode & 0o777 == 0o644


def test_nothing_is_recorded_when_the_warehouse_changed_during_the_run(tmp_path: Path) -> None:
    wh = _warehouse(tmp_path)
    run = firstscreen.stamp(wh)
    replacement = tmp_path / "new.duckdb"
    replacement.write_bytes(b"v2, another import")
    os.replace(replacement, wh)  # an import's atomic replace, mid-run
    html = firstscreen.entry_html("h", "m", IMG, "s", "id")
    assert firstscreen.record(tmp_path / "layar", wh, run, "tren", "", html) is None
    assert not (tmp_path / "layar").exists()
    assert firstscreen.record(tmp_path / "layar", wh, None, "tren", "", html) is None


def test_current_follows_the_warehouse_file_and_old_screens_go(tmp_path: Path) -> None:
    wh, base, first, entry = _recorded(tmp_path, "tren", "kota=1275")
    served = base / firstscreen.CURRENT / entry.name
    assert served.read_text() == entry.read_text()
    assert firstscreen.point(base, wh) == first  # nothing changed: the same link
    replacement = tmp_path / "new.duckdb"
    replacement.write_bytes(b"v2 after an import")
    os.replace(replacement, wh)
    second = firstscreen.point(base, wh)
    assert second != first and second == firstscreen.stamp(wh)
    assert not served.exists()  # the old warehouse's first screen is gone from what Caddy reads
    assert not entry.exists() and sorted(p.name for p in base.iterdir()) == ["current", f"w-{second}"]
    wh.unlink()
    assert firstscreen.point(base, wh) is None and not (base / firstscreen.CURRENT).exists()


@given(
    heading=st.text(max_size=60), message=st.text(max_size=120), source=st.text(max_size=60),
    level=st.sampled_from(firstscreen.LEVELS), lang=st.sampled_from(["id", "en"]),
)  # fmt: skip
def test_entry_text_is_escaped(heading: str, message: str, source: str, level: int, lang: str) -> None:
    html = firstscreen.entry_html(heading, message, IMG, source, lang, level=level)
    body = html.removeprefix(firstscreen.CSS)
    texts = re.sub(r"<[^>]*>", "\0", body.replace(IMG, "\0"))
    assert "<" not in texts and ">" not in texts  # every tag is ours; text is escaped
    assert body.count("<img") == 1 and firstscreen.WAIT[lang] in body


def test_a_new_day_is_a_new_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cards count a figure's age from today: yesterday's first screens are not served today."""
    import datetime as dt
    from types import SimpleNamespace

    wh, base, today, entry = _recorded(tmp_path, "ringkasan", "")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr(firstscreen, "dt", SimpleNamespace(date=SimpleNamespace(today=lambda: tomorrow)))
    assert firstscreen.point(base, wh) != today and not entry.exists()
    assert firstscreen.record(base, wh, today, "ringkasan", "", "x") is None  # a run across midnight


def test_entry_refuses_an_unknown_heading_level() -> None:
    with pytest.raises(ValueError):
        firstscreen.entry_html("h", "m", IMG, "s", "id", level=7)


# ------------------------------------------------------------------ Caddy finds Python's key


@pytest.fixture(scope="module")
def caddy_shell(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """Caddy with serve's template in a page shell, its root a ``current`` link as serve's."""
    root = tmp_path_factory.mktemp("caddyshell")
    shell, screens = root / "shell", root / "layar"
    shell.mkdir()
    index = "<!DOCTYPE html><html><head><title>t</title></head><body><div id=root></div></body></html>"
    html = serve.shell_html(index)
    assert html is not None
    (shell / "index.html").write_text(html)
    (screens / "w-1").mkdir(parents=True)
    (screens / "current").symlink_to("w-1")
    port = serve.free_port()
    conf = root / "Caddyfile"
    conf.write_text(
        "{\n\tadmin off\n\tauto_https off\n\tpersist_config off\n}\n"
        f"http://127.0.0.1:{port} {{\n\troot * {shell}\n"
        f"\ttemplates {{\n\t\troot {screens / 'current'}\n\t}}\n"
        "\trewrite * /index.html\n\tfile_server\n}\n"
    )
    proc = subprocess.Popen(
        [str(serve.caddy_executable()), "run", "--config", str(conf), "--adapter", "caddyfile"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "XDG_DATA_HOME": str(root)},
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while True:
        try:
            _get(port, "/tren")
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
    yield port, screens / "w-1"
    proc.terminate()
    proc.wait(timeout=10)


def _get(port: int, target: str) -> str:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    con.request("GET", target)
    body = con.getresponse().read().decode()
    con.close()
    return body


# what a browser sends after "?": unreserved characters, sub-delimiters, percent-escapes
QUERY_CHARS = st.sampled_from([*"abcKZ019-._~+=&,;:@/!$'()*", "%20", "%C3%A9", "%2B", "%26", "%3D", "%25"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(serve.PAGE_PATHS), raw=st.lists(QUERY_CHARS, max_size=30).map("".join))
def test_caddy_puts_the_first_screen_of_exactly_this_url_in_the_shell(
    caddy_shell: tuple[int, Path], page: str, raw: str
) -> None:
    port, folder = caddy_shell
    marker = f"kda-uji-{quote(page)}-{firstscreen.key(page, raw)}"
    entry = folder / f"{firstscreen.key(page, raw)}.html"
    entry.write_text(f'<div id="kda-layar">{marker}</div>')
    try:
        body = _get(port, f"/{page}?{raw}" if raw else f"/{page}")
        assert (
            f'<template id="{firstscreen.TEMPLATE_ID}"><div id="kda-layar">{marker}</div></template>' in body
        )
        other = _get(port, f"/{page}?{raw}&lain=1")  # another URL: another key, nothing there
        assert f'<template id="{firstscreen.TEMPLATE_ID}"></template>' in other
    finally:
        entry.unlink()


def test_caddy_keys_the_root_path_as_python_does(caddy_shell: tuple[int, Path]) -> None:
    """``/`` (the bare address a room may type): Go's ``path.Base("/")`` is ``/``."""
    port, folder = caddy_shell
    for raw in ("", "kota=1275"):
        entry = folder / f"{firstscreen.key('/', raw)}.html"
        entry.write_text('<div id="kda-layar">akar</div>')
        try:
            assert '<div id="kda-layar">akar</div>' in _get(port, f"/?{raw}" if raw else "/")
        finally:
            entry.unlink()


# ------------------------------------------------------------------ a session's first run records


@pytest.fixture
def screens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_warehouse: Path) -> Path:
    base = tmp_path / "layar"
    monkeypatch.setenv(firstscreen.ENV, str(base))
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))
    firstscreen.point(base, full_warehouse)
    return base / firstscreen.CURRENT


def _entries(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in folder.glob("*.html")}


def test_a_first_run_records_its_url_and_only_the_first_run(app: AppFactory, screens: Path) -> None:
    """A phone opening /tren?kota=1275: its first run writes the URL's first screen (the page's
    heading and message, the very picture the page drew, the source); later runs of the same
    session (a rerun, a widget change) and sessions that began on another page write nothing."""
    prepaint.first_run("pages/tren.py", {"kota": "1275"})  # draws the picture (the renderer's first)
    firstpaint.drain(60)
    for p in screens.glob("*.html"):
        p.unlink()
    at = prepaint.first_run("pages/tren.py", {"kota": "1275"})
    assert not at.exception
    (name, entry), *rest = _entries(screens).items()
    assert not rest and name == f"{firstscreen.key('tren', 'kota=1275')}.html"
    pictures = [h.proto.body for h in at.get("html") if firstpaint.CLASS in h.proto.body]
    assert pictures and firstscreen.CSS in entry
    img = pictures[0].removeprefix(firstpaint.CSS)
    assert img in entry  # the same picture the page shows
    assert re.search(r'<h1 class="kda-l-h" style="font-size:1.75rem;[^"]*">Tren Kota Medan</h1>', entry)
    assert '<div class="kda-l-tabs" aria-hidden="true"><span class=on>Grafik</span>' in entry
    assert at.markdown[0].value.split(":")[0] in entry  # the message ("IPM Kota Medan: ...")
    assert "Sumber: " in entry
    for p in screens.glob("*.html"):
        p.unlink()
    at.run()  # a rerun of the same session
    at.button_group(key="tren_mode").set_value("indeks").run()  # a widget change
    assert at.session_state["tren_mode"] == "indeks"
    assert _entries(screens) == {}
    later = app()  # a session that began at "/" (it records "/"), then opens Tren
    assert list(_entries(screens)) == [f"{firstscreen.key('/', '')}.html"]
    for p in screens.glob("*.html"):
        p.unlink()
    later.switch_page("pages/tren.py").run()
    assert _entries(screens) == {}


def test_bandingkan_peta_and_kualitas_record_their_headings(screens: Path) -> None:
    for page, params, heading in (
        ("pages/bandingkan.py", {"kota": "1275"}, '<h4 class="kda-l-h" style="font-size:1.5rem;'),
        ("pages/peta.py", {"kota": "1275"}, '<h3 class="kda-l-h" style="font-size:1.75rem;'),
        ("pages/kualitas.py", {"kota": "1275"}, '<table class="kda-rt">'),  # its summary above the map
    ):
        prepaint.first_run(page, params)
        firstpaint.drain(60)
        prepaint.first_run(page, params)
        (entry,) = [
            e
            for n, e in _entries(screens).items()
            if n.startswith(firstscreen.key(Path(page).stem, "kota=1275"))
        ]
        assert heading in entry and 'class="kda-l-m kda-l-muted' in entry and firstpaint.CLASS in entry


def test_ringkasan_records_its_first_two_cards(screens: Path) -> None:
    at = prepaint.first_run("pages/ringkasan.py", {"kota": "1275"})
    entry = _entries(screens)[f"{firstscreen.key('ringkasan', 'kota=1275')}.html"]
    cards = [m.value for m in at.markdown if "kda-hc-value" in m.value]
    assert entry.count('<div class="kda-l-card">') == 2
    assert cards[0] in entry and cards[1] in entry and cards[2] not in entry  # the page's own HTML
    assert 'class="kda-l-m kda-l-muted kda-l-small"' in entry and "padding-top:6rem" in entry


def test_the_bare_address_records_what_it_opens(screens: Path) -> None:
    """``/?kota=1275`` opens Ringkasan (the root page switches to it in the first run): that run
    records Ringkasan's first screen under the key of ``/``, and only that one."""
    at = prepaint.open_view(None, {"kota": "1275"})
    assert not at.exception and at.title[0].value == "Ringkasan Kota Medan"
    entries = _entries(screens)
    assert list(entries) == [f"{firstscreen.key('/', 'kota=1275')}.html"]
    assert "Ringkasan Kota Medan" in entries[f"{firstscreen.key('/', 'kota=1275')}.html"]


def test_without_the_folder_nothing_is_recorded(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch, full_warehouse: Path
) -> None:
    """A laptop's ``streamlit run`` (no folder): a first run never even builds a first screen."""
    monkeypatch.delenv(firstscreen.ENV, raising=False)
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("a first screen was recorded without serve's folder")

    monkeypatch.setattr(firstscreen, "record", never)
    monkeypatch.setattr(firstscreen, "entry_html", never)
    at = prepaint.first_run("pages/tren.py", {"kota": "1275"})
    assert not at.exception


def test_point_removes_only_old_first_screen_folders(tmp_path: Path) -> None:
    wh = _warehouse(tmp_path)
    base = tmp_path / "layar"
    base.mkdir()
    (base / "keep.txt").write_text("x")
    (base / "w-old").mkdir()
    firstscreen.point(base, wh)
    assert (base / "keep.txt").exists() and not (base / "w-old").exists()


@pytest.mark.parametrize(
    ("agent", "hint", "phone"),
    [
        # phones, as their browsers present themselves
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
         " Version/17.5 Mobile/15E148 Safari/604.1", "", True),
        ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
         " Mobile Safari/537.36", "?1", True),
        ("Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko)"
         " SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36", "", True),
        ("Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0", "", True),
        ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
         " Safari/537.36", " ?1 ", True),  # a reduced UA: the client hint says it
        # not phones: a laptop, a projector's PC, a tablet, a headless browser
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
         " Chrome/131.0.0.0 Safari/537.36", "?0", False),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
         " Version/17.5 Safari/605.1.15", "", False),  # an iPad asks for the desktop site
        ("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko)"
         " Chrome/131.0.0.0 Safari/537.36", "?0", False),  # an Android tablet
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0"
         " Safari/537.36", "", False),
        ("", "", False),
    ],
)  # fmt: skip
def test_a_phone_is_told_apart_by_its_user_agent_or_mobile_hint(agent: str, hint: str, phone: bool) -> None:
    """A phone, and only a phone, is sent a URL's first screen and a chart's first paint."""
    assert firstscreen.is_phone(agent, hint) is phone
