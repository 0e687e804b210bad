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


def test_settle_collects_what_died_and_freezes_what_lives() -> None:
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


def test_the_app_settles_once_after_its_first_run(app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(data, "_SETTLED", [])
    monkeypatch.setattr(data, "settle_heap", lambda: calls.append(1))
    at = app(kota="Kota Medan")
    at.run()
    assert calls == [1] and data._SETTLED == [True]
