"""Page paths that work as direct links: the one place that deals with Streamlit's routers.

Two quirks of Streamlit 1.67 meet here (documented in docs/architecture.md, "Page paths"):

1. **The default page answers only at ``/``.** ``st.navigation`` serves the default page at the
   root and reserves its ``url_path`` without answering it, so ``/ringkasan?kota=1275`` said
   "Page not found". The app's default page is therefore a hidden root page (:func:`root_page`)
   that switches to Ringkasan at its own path, keeping the link's parameters.
2. **The legacy ``pages/`` folder router.** Because the project has a ``pages/`` folder (the
   product's layout requires it), Streamlit runs a page file alone (without ``app.py``, its
   sidebar and navigation) for a session that opens a page link before any session on the server
   has run ``app.py``. ``app.py`` switches that router off when ``streamlit run`` imports it to
   serve it, before any session (since session 26: it had also said "Page not found" to a fresh
   server's ``/Peta``); :func:`leave_legacy_router` (called by ``ui.context()``, which every page
   calls first) stays for any other way of running a page file alone (AppTest): it switches the
   router off and reruns the session through the entrypoint.

A third: **Streamlit matches a page path exactly.** ``/Peta`` or ``/peta/`` said "Page not found"
(in English, over the default page). :func:`resolve_path` finds the page such a path names
(:func:`dalamangka.state.page_path`), and a path that names no page opens Ringkasan with a Bahasa
notice naming it.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dalamangka import state

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


def resolve_path(pages: Sequence[st.Page], fallback: st.Page, lang: str) -> str | None:
    """Before ``st.navigation``: point a link's page path that Streamlit would not match (any case,
    a trailing slash, ``peta.py``) at the page it names, or at ``fallback`` when it names
    none; then return the notice naming the path (``None`` when the path was found)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    run = get_script_run_ctx()
    if run is None:
        return None
    manager = run.pages_manager
    asked = manager.intended_page_name
    paths = [p.url_path for p in pages]
    if manager.intended_page_script_hash or not asked or asked in paths:
        return None  # a widget's rerun, the root, or an exact path: Streamlit's own match
    found = state.page_path(asked, paths)
    manager.set_script_intent("", found or fallback.url_path)
    if found:
        return None
    listed = ", ".join(f"/{p.url_path}" for p in pages if p.visibility != "hidden")
    value = state.quote(asked.strip("/"))
    return state.TEXT("bad_page", lang, value=value, shown=fallback.title, pages=listed)
