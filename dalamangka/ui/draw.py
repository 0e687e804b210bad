"""Drawing a :class:`dalamangka.views.View`: one dispatch for figures (plotly or Vega-Lite)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dalamangka.i18n import COMMON
from dalamangka.views import View


def draw_figure(fig: Any, key: str, **kwargs: Any) -> None:
    """Draw a figure: a Vega-Lite spec (dict) with ``st.vega_lite_chart``, else plotly."""
    if isinstance(fig, dict):
        st.vega_lite_chart(fig, key=key, width="stretch", **kwargs)
    else:
        st.plotly_chart(fig, theme=None, key=key, **kwargs)


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
