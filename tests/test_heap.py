"""ui.data.settle_heap: the process's long-lived objects out of the collector's way (gc.freeze),
without keeping anything that died (the national map's warm rerun, issue 15; docs/benchmarks.md)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from dalamangka.ui import data
from tests.conftest import AppFactory


class _Node:
    me: object


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test process collects as usual


def _cycle() -> weakref.ref[_Node]:
    node = _Node()
    node.me = node  # only the cycle collector can free it
    return weakref.ref(node)


def test_settle_collects_what_died_and_freezes_what_lives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "FULL_EVERY_S", 0.0)  # every settle a full one
    dead = _cycle()
    data.settle_heap()
    assert dead() is None  # collected, not frozen
    assert gc.get_freeze_count() > 0
    kept = _Node()
    kept.me = kept
    alive = weakref.ref(kept)
    data.settle_heap()  # frozen while alive
    del kept
    gc.collect()
    assert alive() is not None  # a frozen cycle is not walked by the collector
    data.settle_heap()  # the next settle unfreezes first: what died since is collected
    assert alive() is None


def test_settles_between_full_ones_leave_the_frozen_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A settle after a new map spec must be cheap: within :data:`FULL_EVERY_S` of a full settle
    it does not unfreeze (a frozen cycle that died waits for the next full one)."""
    monkeypatch.setattr(data, "FULL_EVERY_S", 3600.0)
    monkeypatch.setattr(data, "_LAST_FULL", [])
    kept = _Node()
    kept.me = kept
    alive = weakref.ref(kept)
    data.settle_heap()  # full (the first): frozen alive
    del kept
    fresh = _cycle()
    data.settle_heap()  # not full: the new garbage is collected, the frozen is not walked
    assert fresh() is None and alive() is not None
    monkeypatch.setattr(data, "_LAST_FULL", [])
    data.settle_heap()  # the next full one frees it
    assert alive() is None


def test_the_app_settles_once_after_its_first_run(app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(data, "_SETTLED", [])
    monkeypatch.setattr(data, "settle_heap", lambda: calls.append(1))
    at = app(kota="Kota Medan")
    at.run()
    assert calls == [1] and data._SETTLED == [True]


def test_a_warm_up_run_imports_the_slow_modules_before_any_visitor(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve's warm-up (Streamlit's script health check: no browser, no request headers, as in
    AppTest) imports the slow modules (mapclassify) during that run, not in a phone's first map."""
    import sys

    assert data.SLOW_IMPORTS == ("mapclassify",)
    monkeypatch.delitem(sys.modules, "wave", raising=False)
    monkeypatch.setattr(data, "SLOW_IMPORTS", ("wave",))  # a small module no test imports
    monkeypatch.setattr(data, "_SETTLED", [])
    calls: list[int] = []
    monkeypatch.setattr(data, "settle_heap", lambda: calls.append(1))
    app(kota="Kota Medan")
    assert "wave" in sys.modules and calls == [1]  # imported, then settled once, in the run


def test_serves_warm_up_run_builds_the_seed_cities_first_screens(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``serve``'s flag (config.WARM_VIEWS_ENV) the warm-up run builds the seed cities'
    Ringkasan, Tren, Bandingkan and Peta views (kecamatan and national map) into the process's caches: a
    first visitor's run builds none of them again (the builders below would fail if called)."""
    import streamlit as st

    from dalamangka import config, headline, maps, vegamap
    from dalamangka.ui import pageviews, prepaint
    from dalamangka.views import bandingkan, tren

    st.cache_resource.clear()  # nothing left from other tests: only the warm-up can fill them
    st.cache_data.clear()
    monkeypatch.setattr(data, "_SETTLED", [])
    monkeypatch.setattr(data, "settle_heap", lambda: None)
    monkeypatch.setenv(config.WARM_VIEWS_ENV, "1")
    built: list[int] = []
    real_warm = pageviews.warm
    monkeypatch.setattr(pageviews, "warm", lambda: built.append(real_warm()))
    app(kota="Kota Medan")  # the process's first run: serve's warm-up
    assert built and built[0] == 6 * len(config.SEED_CITIES)

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("built again in a visitor's run")

    for module in (tren, bandingkan):
        monkeypatch.setattr(module, "build", refuse)
    monkeypatch.setattr(headline, "cards_for", refuse)  # Ringkasan's cards
    for name in ("kecamatan_view", "national_view", "national_collection"):
        monkeypatch.setattr(maps, name, refuse)  # Peta's classes, legend, hover texts, shapes
    monkeypatch.setattr(vegamap, "choropleth", refuse)  # the maps' specs
    for kode in ("1275", "3375"):  # two of the five (each open is two runs)
        for page, extra in (
            ("ringkasan", {}),
            ("tren", {}),
            ("bandingkan", {}),
            ("peta", {}),
            ("peta", {"tampilan": "nasional"}),
        ):
            at = prepaint.open_view(f"pages/{page}.py", {"kota": kode, **extra}, timeout_s=60)
            assert not at.exception, (page, kode, [e.value for e in at.exception])


def test_without_serves_flag_the_first_run_builds_no_views(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``streamlit run`` on a laptop (and ``serve --no-prepaint``): no views built ahead."""
    from dalamangka import config
    from dalamangka.ui import pageviews

    monkeypatch.setattr(data, "_SETTLED", [])
    monkeypatch.setattr(data, "settle_heap", lambda: None)
    monkeypatch.setenv(config.WARM_VIEWS_ENV, "0")
    called: list[int] = []
    monkeypatch.setattr(pageviews, "warm", lambda: called.append(1))
    app(kota="Kota Medan")
    assert called == []
