"""Page paths that work as direct links: the one place that deals with Streamlit's routers.

Two quirks of Streamlit 1.67 meet here (documented in docs/architecture.md, "Page paths"):

1. **The default page answers only at ``/``.** ``st.navigation`` serves the default page at the
   root and reserves its ``url_path`` without answering it, so ``/ringkasan?kota=1275`` said
   "Page not found". The app's default page is therefore a hidden root page (:func:`root_page`)
   that switches to Ringkasan at its own path, keeping the link's parameters.
2. **The legacy ``pages/`` folder router.** Because the project has a ``pages/`` folder (the
   product's layout requires it), Streamlit runs a page file alone (without ``app.py``, its
   sidebar and navigation) for a session that opens a page link before any session on the server
   has run ``app.py``. :func:`leave_legacy_router` (called by ``ui.context()``, which every page
   calls first) switches that router off and reruns the session through the entrypoint.
"""

from __future__ import annotations

import streamlit as st

ROOT_PATH = "beranda"


def leave_legacy_router() -> None:
    """If the legacy folder router ran this page file alone, switch it off and rerun through
    ``app.py`` (``st.navigation`` then resolves the same page path with the sidebar)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def root_page(target: st.Page, title: str) -> st.Page:
    """The hidden default page: ``/`` opens ``target`` at its own path with the same parameters."""

    def home() -> None:
        from dalamangka.ui.screen import carry_to_next_run

        carry_to_next_run()  # the page "/" opens records its first screen for "/" (ui/screen.py)
        params = {k: st.query_params.get_all(k) for k in st.query_params}
        st.switch_page(target, query_params={k: v if len(v) > 1 else v[0] for k, v in params.items() if v})

    return st.Page(home, title=title, url_path=ROOT_PATH, default=True, visibility="hidden")
