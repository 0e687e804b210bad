"""Shared fixtures: the tiny warehouse (a handful of real rows), the full shipped warehouse,
and an AppTest factory that opens the app from its entrypoint with URL parameters."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from dalamangka import firstpaint, warehouse
from dalamangka.ui import prepaint

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
# Phones' first paints (dalamangka/firstpaint.py: each new chart view drawn once more, by Vega in
# a renderer process) only where a test is about them (the `first_paints` fixture, or a server
# started with the variable at "1"): elsewhere they cost the suite ~110 s of CPU and each chart
# view up to 0.4 s of waiting, for pictures no assertion looks at. Set before any server starts,
# so the servers the tests start inherit it.
os.environ.setdefault(firstpaint.ENABLED_ENV, "0")


@pytest.fixture(scope="module")
def first_paints() -> Iterator[None]:
    """First paints drawn in this module's tests (as a server draws them by default); a module
    marks itself with ``pytestmark = pytest.mark.usefixtures("first_paints")``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(firstpaint.ENABLED_ENV, "1")
        yield


@pytest.fixture(scope="session")
def tiny_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from tests/data (real rows of the five cities and a few peers)."""
    return warehouse.build(tmp_path_factory.mktemp("tiny") / "tiny.duckdb", data_dir=TEST_DATA)


@pytest.fixture
def wh(tiny_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of the tiny warehouse in a folder of its own, for a test that writes to it (an
    import, its journal beside it); the session's file is never touched."""
    target = tmp_path / "wh" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copyfile(tiny_warehouse, target)
    return target


@pytest.fixture
def cli_walidata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A walidata account ``ani`` for ``python -m dalamangka import`` (users file and password in
    the environment, as the CLI reads them); returns the user name."""
    from dalamangka import auth

    users = tmp_path / "users.toml"
    auth.add_user("ani", "kata-sandi-uji-1", "walidata", path=users, rounds=4)
    monkeypatch.setenv("DALAMANGKA_USERS", str(users))
    monkeypatch.setenv("DALAMANGKA_PASSWORD", "kata-sandi-uji-1")
    return "ani"


@pytest.fixture
def tiny(tiny_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(tiny_warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def full_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse built from the shipped data/, as users get it."""
    return warehouse.build(tmp_path_factory.mktemp("full") / "warehouse.duckdb")


@pytest.fixture(scope="session")
def app_url(full_warehouse: Path) -> Iterator[str]:
    """One `streamlit run app.py` over the shipped warehouse, shared by the browser tests of a
    pytest worker that need no fresh server of their own (each test opens its own browser
    contexts, so each gets its own Streamlit sessions). A test about a server's first request,
    its environment or its address starts its own (:func:`tests.browser.streamlit_server`)."""
    from tests.browser import require_chromium, streamlit_server

    require_chromium()
    with streamlit_server(full_warehouse) as base:
        yield base


@pytest.fixture
def full(full_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(full_warehouse), read_only=True)
    yield con
    con.close()


class _WarmPagesManager(PagesManager):
    """AppTest resets Streamlit's legacy ``pages/`` router before every run; a running server
    switches it off for good once app.py has called st.navigation. Mirror the server, so
    sidebar interactions behave as in the browser (the cold path is a browser test)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False


AppFactory = Callable[..., AppTest]


@pytest.fixture
def app(full_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """``app(page=None, **url_params)``: the app run from app.py, on the full warehouse.

    Sidebar choices can be given as URL parameters (``kota="Kota Medan"``, ``lang="English"``),
    the way a shared link carries them, or set on the widgets (keys ``kota`` and ``lang``).
    ``page`` is a path such as ``"pages/peta.py"``.
    """
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))
    monkeypatch.setattr(app_test, "PagesManager", _WarmPagesManager)

    def make(page: str | None = None, **params: str) -> AppTest:
        at = prepaint.open_view(page, params, timeout_s=60)
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


# The suite's longest files first (issue 14's suite time). Each file stays on one worker
# (`--dist loadfile`) and, with `--no-loadscope-reorder` (scripts/test.sh), the workers take the
# files in this order: the browser files, a few minutes each, start at once on both workers
# instead of trailing at the end (pytest-xdist's own order is by test count, which put the
# eight fresh servers of test_browser_links.py last, with one worker idle behind them).
LONGEST_FIRST = ("test_browser_links.py", "test_bench_smoke.py", "test_browser_firstpaint.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def weight(item: pytest.Item) -> int:
        name = item.path.name
        if name in LONGEST_FIRST:
            return LONGEST_FIRST.index(name)
        return len(LONGEST_FIRST) + (0 if item.get_closest_marker("browser") else 1)

    items.sort(key=weight)  # stable: the files' own order within each weight
