"""A laptop's `streamlit run app.py` warms itself up for its first visitor
(dalamangka/ui/warmup.py, issue 14): when it does, when it does not, and that it happens."""

from __future__ import annotations

import shutil
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit import config as st_config

from dalamangka import config
from dalamangka.ui import warmup
from tests.browser import streamlit_server

READY = "Pemanasan: aplikasi siap untuk pengunjung pertama"


def test_it_warms_up_a_current_warehouse_unless_told_not_to_or_serve_does_it(
    full_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))
    monkeypatch.delenv(config.WARM_VIEWS_ENV, raising=False)
    assert warmup.wanted()
    assert warmup.wanted({config.WARM_VIEWS_ENV: "1"})
    assert not warmup.wanted({config.WARM_VIEWS_ENV: "0"})  # the suite's servers; a busy machine
    # serve turns Streamlit's script health check on and calls it for each replica itself
    st_config.set_option("server.scriptHealthCheckEnabled", True)
    try:
        assert not warmup.wanted()
    finally:
        st_config.set_option("server.scriptHealthCheckEnabled", False)
    # no warehouse yet: the first visitor's run builds it, with its progress bar
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(tmp_path / "none.duckdb"))
    assert not warmup.wanted()
    # a file that is no warehouse: the first visitor's run says what is wrong
    (tmp_path / "bad.duckdb").write_bytes(b"not a database")
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(tmp_path / "bad.duckdb"))
    assert not warmup.wanted()


def test_streamlit_run_warms_itself_up_once_it_is_serving(full_warehouse: Path, tmp_path: Path) -> None:
    """`streamlit run app.py` says it is ready for its first visitor after one run with no
    browser (the seed cities' first screens built), while it already answers requests."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(full_warehouse, warehouse)  # its own copy: the run opens it like any visitor's
    log = tmp_path / "server.log"
    with streamlit_server(warehouse, log=log, DALAMANGKA_WARM_VIEWS="") as base:
        deadline = time.monotonic() + 120
        answered = False
        while READY not in log.read_text(errors="replace"):
            assert "Pemanasan gagal" not in log.read_text(errors="replace"), log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:  # the server answers while it warms up
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=5) as r:
                    answered = answered or r.status == 200
            except OSError:
                pass
            time.sleep(0.5)
        assert answered or urllib.request.urlopen(f"{base}/_stcore/health", timeout=5).status == 200
        assert log.read_text().count(READY) == 1
        assert "Traceback" not in log.read_text()
        # requirements.txt's uvloop and httptools are what the server runs on (Streamlit picks
        # uvloop for its event loop, uvicorn httptools for HTTP, each only when importable)
        loaded = server_libraries(int(base.rsplit(":", 1)[1]))
        assert any("httptools" in lib and "parser" in lib for lib in loaded), loaded
        if sys.platform != "win32":
            assert any("uvloop" in lib for lib in loaded), loaded


def server_libraries(port: int) -> set[str]:
    """The shared libraries mapped by the `streamlit run` process serving ``port`` (Linux)."""
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in argv and str(port).encode() in argv:
            maps = (proc / "maps").read_text()
            return {line.split()[-1] for line in maps.splitlines() if line.endswith(".so")}
    raise AssertionError(f"no streamlit process on port {port}")
