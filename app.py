"""Kota Dalam Angka: the page registry and the shared sidebar (nothing else lives here).

``streamlit run app.py`` finds ``app`` below (an ``st.App``) and serves this same file as the
Streamlit script, with the front door of :mod:`dalamangka.front` in front of it. Each script run
executes this file as ``__main__``; the import that serves it does not run the pages.
"""

from pathlib import Path

import streamlit as st

from dalamangka import config, front

if __name__ != "__main__":  # imported by `streamlit run app.py` to serve it
    from starlette.middleware import Middleware
    from streamlit.runtime.pages_manager import PagesManager

    # every session runs through this file and st.navigation, never Streamlit's legacy `pages/`
    # folder router (which ran a page file alone, and said "Page not found" to `/Peta`): see
    # dalamangka/ui/router.py
    PagesManager.uses_pages_directory = False

    def lifespan(asgi: object) -> object:
        """The front door's start-up, then the app warms itself up for its first visitor
        (dalamangka/ui/warmup.py; imported here, once Streamlit's runtime exists)."""
        from dalamangka.ui import warmup

        return warmup.lifespan(door.lifespan if door else None)(asgi)

    geo = config.GEOMETRY_DIR if st.get_option("server.enableStaticServing") else None
    door = front.build(st.get_option("server.baseUrlPath") or "", geo) if front.enabled() else None
    app = st.App(
        __file__,
        middleware=[Middleware(front.FrontDoor, **door.middleware_kwargs())] if door else None,
        lifespan=lifespan,
    )
else:
    from dalamangka import ui
    from dalamangka.i18n import COMMON

    st.set_page_config(
        page_title="Kota Dalam Angka",
        page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
        layout="wide",
    )
    ui.begin_run()  # before anything reads or rewrites the URL (ui/screen.py)
    ctx = ui.sidebar()
    t = ctx.lang

    def page(path: str, key: str, icon: str, url: str, **kw: bool) -> st.Page:
        return st.Page(path, title=COMMON(key, t), icon=icon, url_path=url, **kw)

    ringkasan = page("pages/ringkasan.py", "page_ringkasan", ":material/home:", "ringkasan")
    pages = {
        COMMON("nav_explore", t): [
            ui.root_page(ringkasan, COMMON("page_ringkasan", t)),  # "/" opens /ringkasan (ui/router.py)
            ringkasan,
            page("pages/peta.py", "page_peta", ":material/map:", "peta"),
            page("pages/tren.py", "page_tren", ":material/show_chart:", "tren"),
            page("pages/bandingkan.py", "page_bandingkan", ":material/bar_chart:", "bandingkan"),
            page("pages/presentasi.py", "page_presentasi", ":material/slideshow:", "presentasi"),
            page("pages/kepuasan.py", "page_kepuasan", ":material/sentiment_satisfied:", "kepuasan"),
            page("pages/catatan.py", "page_catatan", ":material/rate_review:", "catatan"),
        ],
        COMMON("nav_data", t): [
            page("pages/katalog.py", "page_katalog", ":material/menu_book:", "katalog"),
            page("pages/kualitas.py", "page_kualitas", ":material/verified:", "kualitas"),
            page("pages/impor.py", "page_impor", ":material/upload_file:", "impor"),
        ],
    }
    wrong_path = ui.resolve_path([p for group in pages.values() for p in group], ringkasan, t)
    if wrong_path:
        st.warning(wrong_path, icon=":material/link_off:")
    nav = st.navigation(pages)
    ui.set_page(nav.url_path)
    try:
        nav.run()
    finally:
        # once per process, after its first run, however it ended (the root page's first run ends
        # by switching page: serve's warm-up run is that run, so no phone waits for it; ui/data.py)
        ui.settle_heap_once()
