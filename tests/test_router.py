"""Every page file, run alone by Streamlit's legacy ``pages/`` router (a server's first session
opening a page link before any session has run app.py), switches that router off and reruns
through app.py (dalamangka/ui/router.py). The real-browser check of the same path on fresh
servers is tests/test_browser_links.py (a few pages) and tests/test_browser.py (Tren)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from dalamangka.ui import router

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


class _ColdPagesManager(PagesManager):
    """A server before any session has run app.py: the legacy folder router is on (AppTest makes
    one per ``run()``; the page's own ``st.rerun`` stays in that run)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = True


def test_every_page_is_listed() -> None:
    assert len(PAGES) >= 10 and "ringkasan.py" in PAGES and "impor.py" in PAGES


@pytest.mark.parametrize("name", PAGES)
def test_a_page_run_alone_leaves_the_legacy_router_first(
    name: str, full_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))
    monkeypatch.setattr(app_test, "PagesManager", _ColdPagesManager)
    seen: list[bool | None] = []
    real = router.leave_legacy_router

    def spy() -> None:
        seen.append(PagesManager.uses_pages_directory)
        real()

    monkeypatch.setattr(router, "leave_legacy_router", spy)
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)
    at.query_params["kota"] = "1275"
    at.run()
    assert seen and seen[0] is True, name  # asked while the legacy router was on
    assert PagesManager.uses_pages_directory is False, name  # and switched it off
