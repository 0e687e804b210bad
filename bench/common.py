"""Shared helpers of the benchmark scripts: statistics, memory, tables, warehouses, a server.

The scripts print their figures as a Markdown table and, with ``--json PATH``, write them as JSON
for ``bench/report.py`` (which writes ``docs/benchmarks.md``). They are run from the project root
as modules (``python -m bench.bench_build``); ``bench/run`` runs them all.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
TEST_DATA = ROOT / "tests" / "data"
OUT_DIR = ROOT / "bench" / "out"
CHROMIUM = Path("/usr/bin/chromium")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between the closest ranks."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def p50_p95(values: Sequence[float]) -> tuple[float, float]:
    return percentile(values, 50), percentile(values, 95)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (VmHWM), in MiB."""
    return proc_kb(os.getpid(), "VmHWM") / 1024


def proc_kb(pid: int, field: str = "VmRSS") -> int:
    """A memory figure of a process from /proc/<pid>/status, in KiB (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb(pids: Iterable[int]) -> float:
    """The summed resident memory (VmRSS) of ``pids``, in MiB."""
    return sum(proc_kb(p) for p in pids) / 1024


class PeakRss:
    """``async with PeakRss(pids) as rss:`` samples the summed VmRSS of ``pids`` every ``every_s``
    while open; ``rss.peak`` (MiB) is the highest seen, from the value on entry."""

    def __init__(self, pids: Iterable[int], every_s: float = 0.1) -> None:
        self.pids, self.every_s, self.peak = list(pids), every_s, 0.0
        self._done = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, rss_mb(self.pids))
            await asyncio.sleep(self.every_s)

    async def __aenter__(self) -> PeakRss:
        self.peak = rss_mb(self.pids)
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._done.set()
        if self._task is not None:
            await self._task
        self.peak = max(self.peak, rss_mb(self.pids))


def load_avg() -> str:
    """The 1/5/15-minute load averages: the machine is shared, so figures carry their context."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def md_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table; numbers right-aligned, None shown as an en dash."""

    def cell(v: Any) -> str:
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:,.1f}" if abs(v) >= 100 else f"{v:,.2f}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_json(path: str | Path | None, payload: dict[str, Any]) -> None:
    """Write the figures of one script (with the time they were taken) for the report."""
    if not path:
        return
    payload = {"measured_at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), **payload}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")


def build_warehouse(data_dir: Path, directory: Path, name: str = "warehouse.duckdb") -> Path:
    """Build a warehouse from ``data_dir`` into ``directory`` with the project's own build."""
    from dalamangka import warehouse

    return warehouse.build(directory / name, data_dir=data_dir)


@contextmanager
def temp_dir(prefix: str) -> Iterator[Path]:
    """A temporary directory outside the project (never under data/), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as d:
        yield Path(d)


def pages() -> list[str]:
    """The page files of the app, discovered from pages/*.py (so new pages are benchmarked too)."""
    return sorted(p.stem for p in (ROOT / "pages").glob("*.py") if not p.stem.startswith("_"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(
    warehouse: Path,
    *extra: str,
    app: Path | None = None,
    cwd: Path = ROOT,
    env_extra: dict[str, str] | None = None,
) -> Iterator[tuple[str, int]]:
    """``streamlit run app.py`` on a free localhost port; yields (base URL, server pid). ``cwd``:
    where it starts (its ``.streamlit/config.toml`` applies); ``env_extra``: more environment.

    Returns once the health endpoint answers, so the server start-up is not in the timings of
    the first page view (the Python imports of the app script are: they happen on first run).
    """
    port = free_port()
    # no start-up warm-up (dalamangka/ui/warmup.py) unless asked: its ~8 s of CPU would fall on
    # the first rounds; every benchmark makes its own warm-up views
    env = {
        **os.environ,
        "DALAMANGKA_WAREHOUSE": str(warehouse),
        "DALAMANGKA_WARM_VIEWS": "0",
        **(env_extra or {}),
    }
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app or ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *extra,
    ]
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None:
                raise RuntimeError("streamlit exited before serving")
            if time.monotonic() > deadline:
                raise RuntimeError("streamlit did not answer within 60 s")
            time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def chromium_available() -> bool:
    if not CHROMIUM.exists():
        return False
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return True
