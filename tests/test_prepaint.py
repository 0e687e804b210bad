"""The seed cities' first paints drawn before the room arrives (dalamangka/ui/prepaint.py): the
pictures it draws are the ones the pages then look up, so a phone's very first visit has one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from dalamangka import firstpaint
from dalamangka.ui import prepaint
from tests.conftest import AppFactory

pytestmark = pytest.mark.usefixtures("first_paints")  # tests/conftest.py


def _pictures(at: object) -> list[str]:
    return [h.proto.body for h in at.get("html") if firstpaint.CLASS in h.proto.body]  # type: ignore[attr-defined]


def test_prepainted_picture_is_the_one_a_first_visit_finds(
    app: AppFactory, full_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Kualitas heat map (1.6 s to draw: a first visit never waits for it) is drawn by
    prepaint into serve's shared folder; then a fresh process (memory cache empty, a renderer
    that cannot draw) opens the page for the first time and shows that picture at once."""
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))
    monkeypatch.setenv(firstpaint.SHARED_ENV, str(tmp_path / "fp"))
    monkeypatch.setattr(firstpaint, "_cache", type(firstpaint._cache)())
    ok, failed = prepaint.run(["2172"], ["kualitas"], drain_s=120)  # Kota Tanjung Pinang
    assert (ok, failed) == (1, 0)
    drawn = list((tmp_path / "fp").glob("*.img"))
    assert len(drawn) == 1 and firstpaint.CLASS in drawn[0].read_text()

    monkeypatch.setattr(firstpaint, "_cache", type(firstpaint._cache)())  # another process

    def cannot_draw(spec: dict[str, object]) -> str:
        raise AssertionError("the page drew its own picture: prepaint's was not the page's")

    monkeypatch.setattr(firstpaint, "_render", cannot_draw)
    at = app(page="pages/kualitas.py", kota="Kota Tanjung Pinang")
    (picture,) = _pictures(at)
    assert picture.endswith(drawn[0].read_text())  # the page's block ends with the shared picture
    assert 'alt="Kelengkapan angka Kota Tanjung Pinang"' in picture


def test_without_a_shared_folder_it_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside serve (no shared folder) nothing would reach another process: it does nothing."""
    monkeypatch.delenv(firstpaint.SHARED_ENV, raising=False)

    def never(*_a: object, **_k: object) -> tuple[int, int]:
        raise AssertionError("ran pages without a shared folder")

    monkeypatch.setattr(prepaint, "run", never)
    assert prepaint.main([]) == 0


def test_a_page_that_fails_is_counted_and_the_rest_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[str, dict[str, str]]] = []

    def fake_open(page: str, params: dict[str, str]) -> SimpleNamespace:
        opened.append((page, params))
        if page.endswith("tren.py"):
            raise RuntimeError("boom")
        return SimpleNamespace(exception=["shown"] if page.endswith("bandingkan.py") else [], query_params={})

    monkeypatch.setattr(prepaint, "open_view", fake_open)
    assert prepaint.run(["1275"], ["tren", "bandingkan", "peta-nasional"], drain_s=1) == (1, 2)
    assert opened[-1] == ("pages/peta.py", {"kota": "1275", "tampilan": "nasional"})


def test_with_first_paints_off_it_draws_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``DALAMANGKA_FIRSTPAINT=0``: no picture is drawn, so serve's background process opens no page."""
    monkeypatch.setenv(firstpaint.SHARED_ENV, str(tmp_path))
    monkeypatch.setenv(firstpaint.ENABLED_ENV, "0")

    def never(*_a: object, **_k: object) -> tuple[int, int]:
        raise AssertionError("ran pages with first paints off")

    monkeypatch.setattr(prepaint, "run", never)
    assert prepaint.main([]) == 0


def test_first_screens_are_recorded_for_the_links_a_room_opens(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each city's link as given, as the page rewrote it, and ``/?kota=<code>``; for the default
    city also each page's bare path and ``/`` (a room types the address; no other city is
    opened by a bare path). The picture runs (``open_view``) come first."""
    from dalamangka import config, firstscreen

    monkeypatch.setenv(firstscreen.ENV, str(tmp_path))
    opened: list[tuple[str | None, dict[str, str]]] = []
    first: list[tuple[str, dict[str, str]]] = []

    def fake_open(page: str | None, params: dict[str, str]) -> SimpleNamespace:
        opened.append((page, dict(params)))
        canonical = {**params, "kota": "kota-" + params.get("kota", "")} if page else params
        return SimpleNamespace(exception=[], query_params=canonical)

    monkeypatch.setattr(prepaint, "open_view", fake_open)
    monkeypatch.setattr(prepaint, "first_run", lambda page, params: first.append((page, dict(params))))
    monkeypatch.setattr(firstpaint, "drain", lambda _s: None)
    other = next(c for c in config.SEED_CITIES if c != config.DEFAULT_CITY)
    assert prepaint.run([other], ["tren", "peta-nasional"]) == (2, 0)
    assert first == [
        ("pages/tren.py", {"kota": other}),
        ("pages/tren.py", {"kota": f"kota-{other}"}),
        ("pages/peta.py", {"kota": other, "tampilan": "nasional"}),
        ("pages/peta.py", {"kota": f"kota-{other}", "tampilan": "nasional"}),
    ]
    assert opened[2:] == [(None, {"kota": other})]  # after the two picture runs

    first.clear()
    opened.clear()
    assert prepaint.run([config.DEFAULT_CITY], ["tren"]) == (1, 0)
    assert first[-1] == ("pages/tren.py", {})
    assert opened[1:] == [(None, {"kota": config.DEFAULT_CITY}), (None, {})]


def test_streamlits_component_scan_runs_once_for_many_app_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new AppTest scanned all installed packages for components (~170 ms each: most of a
    prepaint run and of a page test's set-up); now the first one scans and the rest reuse it."""
    from streamlit.components.v2 import manifest_scanner
    from streamlit.testing.v1 import AppTest

    scans: list[int | None] = []

    def scan(max_workers: int | None = None) -> list[object]:
        scans.append(max_workers)
        return []

    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", scan)
    monkeypatch.setattr(prepaint, "_components", None)
    prepaint._scan_once()
    prepaint._scan_once()  # wraps once
    for _ in range(3):
        at = AppTest.from_string("import streamlit as st\nst.write('x')\n").run()
        assert not at.exception
    assert scans == [None]


def test_each_citys_pictures_are_waited_for_before_its_first_screens(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A long list (``serve --kota 19``): each city's pictures are drawn and waited for, then its
    first screens recorded, before the next city starts (one wait at the end could run out
    first, and a first screen without its picture is not recorded)."""
    from dalamangka import firstscreen

    monkeypatch.setenv(firstscreen.ENV, str(tmp_path))
    events: list[str] = []

    def fake_open(page: str | None, params: dict[str, str]) -> SimpleNamespace:
        events.append(f"{'picture' if page else 'screen'} {params.get('kota')}")
        return SimpleNamespace(exception=[], query_params=params)

    monkeypatch.setattr(prepaint, "open_view", fake_open)
    monkeypatch.setattr(prepaint, "first_run", lambda _p, params: events.append(f"screen {params['kota']}"))
    monkeypatch.setattr(firstpaint, "drain", lambda _s: events.append("wait"))
    assert prepaint.run(["1671", "1275"], ["tren"]) == (2, 0)
    assert events == ["picture 1671", "wait", "screen 1671", "screen 1671",
                      "picture 1275", "wait", "screen 1275", "screen 1275"]  # fmt: skip
