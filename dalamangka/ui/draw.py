"""Drawing a :class:`dalamangka.views.View`: one dispatch for figures (plotly or Vega-Lite), the
exploration pages' frame (less air above the heading, lazy tabs bound to ``tab=``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.elements.lib.mutable_tab_container import TabContainer

from dalamangka.i18n import COMMON
from dalamangka.ui.urlstate import set_param
from dalamangka.views import View


def draw_figure(fig: Any, key: str, **kwargs: Any) -> None:
    """Draw a figure: a Vega-Lite spec (dict) with ``st.vega_lite_chart``, else plotly."""
    if isinstance(fig, dict):
        st.vega_lite_chart(fig, key=key, width="stretch", **kwargs)
    else:
        st.plotly_chart(fig, theme=None, key=key, **kwargs)


def compact_top(css: str = "") -> None:
    """Less air above a page's heading (and the page's own ``css`` rules), so the chart of an
    exploration page starts in the upper third of a 390 px phone's first screen (issue 15)."""
    st.html(f"<style>[data-testid='stMainBlockContainer']{{padding-top:3.5rem}}{css}</style>")


def notices(view: View) -> None:
    """The link values the view did not use, each naming the value and what is shown instead."""
    for text in view.notices:
        st.warning(text, icon=":material/link_off:")


def draw_view(view: View, key: str, figure: bool = True) -> None:
    """The view's figure (or why there is none), its captions and notes, and the source line.
    ``figure=False``: the page drew the figure itself (the clickable map)."""
    if view.make_figure is not None:
        if figure:
            draw_figure(view.figure, key)
    elif view.empty:
        st.info(view.empty)
    for note in view.notes:
        st.caption(note)
    for info in view.infos:
        st.info(info, icon=":material/info:")
    if view.source:
        st.caption(f"{COMMON('source', view.common.lang)}: {view.source}")
    for warning in view.warnings:
        st.warning(warning)


def lazy_tabs(key: str, tabs: Mapping[str, str], current: str, default: str) -> dict[str, TabContainer]:
    """Tabs bound to ``tab=`` in the URL (``tabs``: code -> label; the ``default`` tab is left out
    of the URL). A tab's body runs only while it is open (``tab.open``): a table's JavaScript
    (+1.6 MB) never loads on the first screen. Returns code -> tab."""

    def changed() -> None:
        code = {v: k for k, v in tabs.items()}.get(st.session_state.get(key, ""), default)
        set_param("tab", None if code == default else code)

    st.session_state[key] = tabs[current]
    drawn = st.tabs(list(tabs.values()), key=key, on_change=changed)
    return dict(zip(tabs, drawn, strict=True))
