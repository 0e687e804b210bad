"""A laptop's ``streamlit run app.py`` warms itself up once it is serving, as ``serve`` warms each
replica before it says "Siap" (issue 14, session 22).

The first visitor after a start used to pay the imports, the warehouse's first queries and the
seed cities' views: Tren's first view took 4.9 s against 2.4 s for the next one (the judging
tool's cold and warm columns). Now, once the server is up, the process runs the app once with no
browser (Streamlit's own script health check, :meth:`Runtime.does_script_run_without_error`):
that run imports everything, opens the warehouse and, because it has no browser, builds the five
seed cities' first screens (:func:`dalamangka.ui.data.settle_heap_once`,
:func:`dalamangka.ui.pageviews.warm`). Measured here: ~8 s in the background after the start.

Not run when:
- ``DALAMANGKA_WARM_VIEWS=0`` (the test suite's servers; a machine that must not spend the CPU);
- the script health check endpoint is on: whoever started the process calls it (``serve`` does,
  for each replica, with the views as it was asked);
- the warehouse is missing or from other code or data: the first visitor's run builds it, with
  its progress bar, as before (two builds at once would only waste the time).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import streamlit as st

from dalamangka import config, warehouse

READY_TIMEOUT_S = 60.0  # how long to wait for Streamlit's runtime to start serving
Lifespan = Callable[[Any], contextlib.AbstractAsyncContextManager[None]]


def wanted(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether this process warms itself up (see the module's docstring)."""
    if environ.get(config.WARM_VIEWS_ENV, "").strip() == "0":
        return False
    if st.get_option("server.scriptHealthCheckEnabled"):
        return False
    path = config.warehouse_path()
    try:
        return path.is_file() and warehouse.freshness(path).current
    except Exception:  # an unreadable file: the first visitor's run says what is wrong
        return False


async def warm_up() -> bool:
    """When :func:`wanted`: wait for Streamlit's runtime, then run the app once with no browser;
    True when the run ended without an error. A failure is reported on stderr and changes nothing
    else: the first visitor's run then does the work, as before."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    if not await asyncio.to_thread(wanted):  # reads the warehouse's build stamp (~0.1 s)
        return False
    serving = (RuntimeState.NO_SESSIONS_CONNECTED, RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED)
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not (Runtime.exists() and Runtime.instance().state in serving):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.1)
    os.environ[config.WARM_VIEWS_ENV] = "1"  # the run with no browser builds the seed cities' views
    t0 = time.perf_counter()
    ok, message = await Runtime.instance().does_script_run_without_error()
    took = time.perf_counter() - t0
    said = (
        f"Pemanasan: aplikasi siap untuk pengunjung pertama ({took:.1f} dtk)."
        if ok
        else f"Pemanasan gagal ({message}); pengunjung pertama memuat semuanya sendiri."
    )
    print(said, file=sys.stderr, flush=True)
    return bool(ok)


def lifespan(inner: Lifespan | None = None) -> Lifespan:
    """An ASGI lifespan for ``st.App``: ``inner``'s (the front door's start-up), then
    :func:`warm_up` as a background task (it returns at once unless :func:`wanted`); the task is
    cancelled at shutdown."""

    @contextlib.asynccontextmanager
    async def run(app: Any) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if inner is not None:
                await stack.enter_async_context(inner(app))
            task = asyncio.get_running_loop().create_task(warm_up())
            try:
                yield None
            finally:
                if task is not None and not task.done():
                    task.cancel()

    return run
