"""Recording a chart page's first screen (:mod:`dalamangka.firstscreen`) from a session's first run.

Only the session's *first* script run records: then no widget state and no earlier choice
(the session's last city or language) exist, so the URL the browser opened decided the view
alone, and the same URL in a fresh browser shows the same first screen. The URL is taken when
the run begins, as the browser sent it (pages rewrite it to its canonical form as they draw). A
run records at most one first screen: its first chart with a phone first paint, under the
heading the page declared with :func:`header` (a page that declares none records nothing).

- ``app.py`` calls :func:`begin_run` first and :func:`set_page` once it knows the page;
- a page calls :func:`header` with what it draws above its chart;
- :func:`dalamangka.ui.draw.first_paint` calls :func:`record` with the chart's picture
  (Ringkasan with its first cards' HTML).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from dalamangka import config, firstpaint, firstscreen

_SEEN = "_kda_layar_runs"  # set by the session's first run
_PENDING = "_kda_layar"  # what the first run will record, until its first chart


def _raw_query() -> str | None:
    """The query string exactly as the browser sent it (the session's first run: the URL it
    opened); None outside a Streamlit run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return None if ctx is None else str(ctx.query_string)


def begin_run() -> None:
    """At the top of every run: the session's first run (and only it) may record; so may the run
    the root page switched to (:func:`carry_to_next_run`)."""
    first = _SEEN not in st.session_state
    st.session_state[_SEEN] = True
    pending = st.session_state.get(_PENDING)
    if not first and isinstance(pending, dict) and pending.pop("carry", False):
        return  # "/" switched to its page in the first run: this run draws what "/" shows
    if first and firstscreen.root() is not None:
        st.session_state[_PENDING] = {
            "query": _raw_query(),
            "stamp": firstscreen.stamp(config.warehouse_path()),
            "page": None,
            "header": None,
        }
    else:
        st.session_state.pop(_PENDING, None)


def set_page(url_path: str) -> None:
    """The page this run draws (its ``url_path``: the last segment of the URL)."""
    pending = st.session_state.get(_PENDING)
    if isinstance(pending, dict) and not pending.get("root"):
        pending["page"] = url_path


def carry_to_next_run() -> None:
    """The root page (``/``) switches to Ringkasan in the session's first run, with the same
    parameters: the next run draws what ``/`` shows, so it records for ``/`` (Caddy's key of the
    path ``/``: the path's last segment is ``/``)."""
    pending = st.session_state.get(_PENDING)
    if isinstance(pending, dict):
        pending.update(page="/", root=True, carry=True)


def header(heading: str, message: str, source: str, lang: str, **look: Any) -> None:
    """What the page draws above its first chart (its heading and message) and the chart's
    source line; ``look``: how the page draws them on a phone
    (:func:`dalamangka.firstscreen.entry_html`: ``level``, ``muted``, ``small``, ``heading_rem``,
    ``top_rem``, ``tabs``)."""
    pending = st.session_state.get(_PENDING)
    if isinstance(pending, dict) and pending.get("header") is None:
        pending["header"] = {"heading": heading, "message": message, "source": source, "lang": lang, **look}


def tabs(labels: tuple[str, ...], open_tab: int) -> None:
    """The page's tab row above its chart (:func:`dalamangka.ui.draw.lazy_tabs`), drawn in the
    first screen as the page draws it."""
    pending = st.session_state.get(_PENDING)
    if isinstance(pending, dict) and isinstance(pending.get("header"), dict):
        pending["header"].update(tabs=labels, open_tab=open_tab)


def record(img: str | None) -> None:
    """The run's first chart was drawn with the picture ``img`` (None: it had none; or
    Ringkasan's first cards as HTML): record the first screen when this run may, and in any case
    never again in this run."""
    pending: Any = st.session_state.pop(_PENDING, None)
    base = firstscreen.root()
    if not isinstance(pending, dict) or img is None or base is None:
        return
    head, page, raw = pending.get("header"), pending.get("page"), pending.get("query")
    if not isinstance(head, dict) or not isinstance(page, str) or not page or not isinstance(raw, str):
        return
    html = firstscreen.entry_html(img=img, **head)
    firstscreen.record(base, config.warehouse_path(), pending["stamp"], page, raw, html)


def prerecord(url: str, heading: str, make: Callable[[], tuple[Any, str, str]], lang: str) -> None:
    """Record the first screen of ``url`` (a slide's QR link) before any phone opens it: the room
    scans the code at once, and only a session's first run would record it otherwise. ``make``
    gives (the phone view's Vega-Lite spec or None, its message, its source); ``heading`` is its
    title. Nothing when it is already there, or the picture is not ready yet (the next rerun of
    the slide tries again)."""
    base = firstscreen.root()
    if base is None:
        return
    warehouse = config.warehouse_path()
    run_stamp = firstscreen.stamp(warehouse)
    parts = urlsplit(url)
    page = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if run_stamp is None or not page:
        return
    if (firstscreen.folder_of(base, run_stamp) / f"{firstscreen.key(page, parts.query)}.html").is_file():
        return
    spec, message, source = make()
    img = firstpaint.phone_picture(spec, heading) if isinstance(spec, dict) else None
    if img is None:
        return
    html = firstscreen.entry_html(heading, message, img, source, lang, level=2)
    firstscreen.record(base, warehouse, run_stamp, page, parts.query, html)
