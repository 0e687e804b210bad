"""Check by hand: a replaced warehouse file (what an import's commit does) reaches every replica.

Starts ``serve --replicas 2`` on a warehouse built from the tiny fixture, pins one browser to each
replica (its cookie; the replica is named by the ``--replica-header``), opens Ringkasan for Kota
Medan, replaces the file with ``os.replace`` by one built from ``data/`` and reloads: each replica
must now rank Medan among the 85 kota that have 2024 TPT figures (before: among 5).

    python -m bench.check_import_replicas
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from pathlib import Path

from bench.browser import ARGS, IDLE
from bench.common import CHROMIUM, DATA_DIR, TEST_DATA, build_warehouse
from bench.phone import serve_server

URL = "ringkasan?kota=Kota+Medan"
AFTER = "dari 85 kota"


async def main() -> None:
    from playwright.async_api import async_playwright

    d = Path(tempfile.mkdtemp(prefix="check_import_"))
    try:
        w = build_warehouse(TEST_DATA, d, "w.duckdb")
        with serve_server(w, 2, None, "--replica-header") as (base, _pids):
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                pages = {}
                for _ in range(16):
                    ctx = await browser.new_context()
                    page = await ctx.new_page()
                    resp = await page.goto(f"{base}/{URL}")
                    replica = resp.headers.get("x-dalamangka-replica") if resp else None
                    if replica in pages:
                        await ctx.close()
                        continue
                    await page.wait_for_selector(IDLE, state="attached", timeout=90_000)
                    pages[replica] = (page, await page.inner_text("body"))
                    if len(pages) == 2:
                        break
                os.replace(build_warehouse(DATA_DIR, d, "full.duckdb"), w)  # as an import commits
                for replica, (page, before) in pages.items():
                    resp = await page.reload()
                    assert resp is not None and resp.headers.get("x-dalamangka-replica") == replica
                    await page.wait_for_selector(IDLE, state="attached", timeout=90_000)
                    await page.wait_for_timeout(1000)
                    after = await page.inner_text("body")
                    ok = AFTER not in before and AFTER in after
                    print(f"replica {replica}: {'sees the new file' if ok else 'DOES NOT see the new file'}")
                await browser.close()
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
