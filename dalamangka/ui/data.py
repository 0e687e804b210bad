"""Data and caching: the read-only warehouse connection, cached query results, shapes, memo.

Every cache is keyed by the warehouse file's version (its mtime), so an import is picked up."""

from __future__ import annotations

import atexit
import contextlib
import gc
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from dalamangka import config, quality, sql, warehouse
from dalamangka.i18n import COMMON

if TYPE_CHECKING:  # the connection's type only; DuckDB is opened by dalamangka.warehouse
    import duckdb


def _version(path: Path) -> int:
    """Changes whenever the warehouse file is replaced (build or import), to refresh caches."""
    return path.stat().st_mtime_ns


_CHECKED: dict[tuple[str, int], bool] = {}  # (path, version) -> built from today's code and data


def _build(path: Path, text: str) -> None:
    bar = st.progress(0.0, text=text)

    def progress(fraction: float, message: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=f"{text} {message}")

    warehouse.build(path, progress=progress)
    bar.empty()


def ensure_warehouse() -> Path:
    """Build the warehouse on first start, showing progress, then return its path. A warehouse
    left by another version of the code or data is rebuilt when that loses nothing (no imports);
    one holding imports is never replaced: the page stops with what to do (Bahasa)."""
    path = config.warehouse_path()
    if not path.exists():
        _build(path, COMMON("building"))
        return path
    key = (str(path), _version(path))
    if key not in _CHECKED:
        state = warehouse.freshness(path)
        if not state.current and state.imports == 0:
            _build(path, COMMON("rebuilding"))
            key = (str(path), _version(path))
        elif not state.current:
            st.error(warehouse.stale_message(path, state.imports), icon=":material/database:")
            st.stop()
        _CHECKED[key] = True
    return path


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(path: str, version: int) -> duckdb.DuckDBPyConnection:
    return warehouse.open_read_only(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """A read-only cursor on the current warehouse (a new file after an import is picked up)."""
    path = ensure_warehouse()
    return warehouse.cursor(_connection(str(path), _version(path)))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, version: int, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return sql.run(connection(), name, **values)


def query(name: str, **params: Any) -> pd.DataFrame:
    """Rows of ``queries/<name>.sql`` with bound parameters, cached per warehouse version.

    ``st.cache_data`` hands every caller its own unpickled copy, so callers may modify it."""
    path = ensure_warehouse()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, _version(path), frozen)


@st.cache_resource(show_spinner=False, max_entries=64)
def _quality_report(kode: str, nama: str, year: int, lang: str, version: int) -> quality.Report:
    return quality.run_checks(query, kode, nama, year, lang)


def quality_report(kode: str, nama: str, year: int, lang: str) -> quality.Report:
    """The data-quality checks of a region, run once per warehouse version (not per rerun).

    The report is shared between sessions: callers read it and must not modify its frames."""
    return _quality_report(kode, nama, year, lang, _version(ensure_warehouse()))


# --- Maps (issue 3): boundary GeoJSON, built once per warehouse version and kept in memory ----
# cache_resource returns the same object on every rerun (no copy), so a figure's geometry is
# identical between reruns; callers must not mutate it.


_SETTLED: list[bool] = []
_UNFREEZE_AT_EXIT: list[object] = []
_LAST_FULL: list[float] = []  # time.monotonic() of the last full settle
FULL_EVERY_S = 600.0  # a full settle walks every object (~150 ms measured); at most this often


def settle_heap() -> None:
    """Collect, then move every object alive now into the collector's permanent generation
    (``gc.freeze``). The process's long-lived objects (modules, the cached shapes, map specs and
    views: a national map spec alone is ~100,000 lists) are then no longer walked by each full
    collection that a rerun's allocations trigger: the national map's warm rerun went from ~300
    to ~110 ms p50 (docs/benchmarks.md).

    Called after each new shape collection or map spec is cached, so it must be cheap: it collects
    only what is not frozen yet (~0 ms measured). At most every :data:`FULL_EVERY_S` it unfreezes
    first and collects everything (~150 ms), so that a frozen object that died in a cycle (a
    closed session's) is freed then, not kept; and at exit (else the interpreter's last collection
    skips frozen objects, and DuckDB's bindings report them as leaked)."""
    if not _UNFREEZE_AT_EXIT:
        _UNFREEZE_AT_EXIT.append(atexit.register(gc.unfreeze))
    now = time.monotonic()
    if not _LAST_FULL or now - _LAST_FULL[0] >= FULL_EVERY_S:
        gc.unfreeze()
        _LAST_FULL[:] = [now]
    gc.collect()
    gc.freeze()


# modules a page imports on first use that take seconds to import: mapclassify pulls in
# scipy.stats and sklearn.cluster (1.4-1.7 s of CPU here; most of a cold Peta view's 4.5 s of
# server CPU, py-spy, session 15). Imported before a phone asks for a map (settle_heap_once).
SLOW_IMPORTS = ("mapclassify",)
SLOW_IMPORTS_DELAY_S = 20.0  # on a laptop: after the first visitor's first view, not during it


def _import_slow_modules(delay_s: float = 0.0) -> None:
    import importlib
    import warnings

    time.sleep(delay_s)
    for name in SLOW_IMPORTS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Numba not installed": maps.classify says why
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
    settle_heap()  # the new modules: out of the collector's way, as the first run's


def settle_heap_once() -> None:
    """After the process's first run (app.py): :func:`settle_heap`, and the slow imports
    (:data:`SLOW_IMPORTS`). serve's warm-up run (Streamlit's script health check: a run with no
    browser, so no request headers) is that first run: it imports them at once, and no phone in
    the room waits for either. Under ``streamlit run`` the first run is a visitor's: the imports
    wait :data:`SLOW_IMPORTS_DELAY_S` in a background thread, so they do not slow that view."""
    if _SETTLED:
        return
    _SETTLED.append(True)
    if st.context.headers:
        settle_heap()
        args = (SLOW_IMPORTS_DELAY_S,)
        threading.Thread(target=_import_slow_modules, args=args, name="kda-imports", daemon=True).start()
    else:
        _import_slow_modules()
        from dalamangka.ui import pageviews

        pageviews.warm_if_asked()  # serve's replicas: the seed cities' first screens


@st.cache_resource(show_spinner=False, max_entries=64)
def _shapes(name: str, version: int, params: tuple[tuple[str, Any], ...], decimals: int) -> dict[str, Any]:
    from dalamangka import geo

    rows = sql.run(connection(), name, **dict(params))
    key = "kode" if "kode_kemendagri" not in rows else "kode_kemendagri"
    out = geo.feature_collection(rows[key], rows["wkb"], decimals)
    settle_heap()  # kept for the process's life: out of the collector's way
    return out


def shapes(name: str, decimals: int, **params: Any) -> dict[str, Any]:
    """GeoJSON of ``queries/<name>.sql`` (rows with ``wkb``), feature id = kode_kemendagri or kode."""
    path = ensure_warehouse()
    return _shapes(name, _version(path), tuple(sorted(params.items())), decimals)


@st.cache_resource(show_spinner=False, max_entries=512)  # views of every page share it (~kB each)
def _memo(key: tuple[Any, ...], _build: Callable[[], Any]) -> Any:
    return _build()


def memo(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """``build()`` once per ``key`` and warehouse version, kept in memory (a map view: classes,
    legend and hover text of 514 regions take about 50 ms to format). Never mutate the result."""
    return _memo((_version(ensure_warehouse()), *key), build)
