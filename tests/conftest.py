"""Shared fixtures: the tiny warehouse (a handful of real rows), the full shipped warehouse,
and an AppTest factory that opens the app from its entrypoint with URL parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dalamangka import warehouse

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def tiny_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from tests/data (real rows of the five cities and a few peers)."""
    return warehouse.build(tmp_path_factory.mktemp("tiny") / "tiny.duckdb", data_dir=TEST_DATA)


@pytest.fixture
def tiny(tiny_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(tiny_warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def full_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse built from the shipped data/, as users get it."""
    return warehouse.build(tmp_path_factory.mktemp("full") / "warehouse.duckdb")


@pytest.fixture
def full(full_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(full_warehouse), read_only=True)
    yield con
    con.close()


AppFactory = Callable[..., AppTest]


@pytest.fixture
def app(full_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """``app(page=None, **url_params)``: the app run from app.py, on the full warehouse.

    Sidebar choices are given as URL parameters (``kota="Kota Medan"``, ``lang="English"``),
    the way a shared link carries them. ``page`` is a path such as ``"pages/peta.py"``.
    """
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))

    def make(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page is not None:
            at.switch_page(page)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make
