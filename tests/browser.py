"""Helpers for the real-browser tests: start `streamlit run` on localhost, open Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
# A 390x844 phone as a phone's Chrome presents itself: its User-Agent says "Mobile", which is how
# the app knows to send a phone (and only a phone) a chart's first paint and a URL's first screen.
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
    " Mobile Safari/537.36"
)
PHONE: dict[str, object] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": PHONE_UA,
}


def require_chromium() -> None:
    """Skip without Chromium locally; in CI (CI set) a missing browser is a failure."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing (apt-get install -y chromium)")
        pytest.skip("Chromium not installed (/usr/bin/chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI is set but playwright is not installed")
        pytest.skip("playwright not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(
    warehouse: Path, address: str = "127.0.0.1", log: Path | None = None, **env_extra: str
) -> Iterator[str]:
    """`streamlit run app.py` on a free port of ``address``; yields the base URL (its output goes
    to ``log`` when given)."""
    port = free_port()
    # no start-up warm-up (dalamangka/ui/warmup.py): ~8 s of CPU per server the suite does not need
    env = {**os.environ, "DALAMANGKA_WAREHOUSE": str(warehouse), "DALAMANGKA_WARM_VIEWS": "0", **env_extra}
    out = log.open("wb") if log is not None else subprocess.DEVNULL
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            address,
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((address, port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("streamlit exited before serving") from None
                time.sleep(0.2)
        yield f"http://{address}:{port}"
    finally:
        # a test server keeps nothing worth a graceful stop (~1 s each; SIGTERM is serve's own test)
        proc.kill()
        proc.wait(timeout=20)
        if not isinstance(out, int):
            out.close()
