"""The clickable light map: a Vega-Lite choropleth (dalamangka.vegamap) whose click selects a
region, as :func:`dalamangka.ui.mapchart.map_chart` does for the plotly map."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dalamangka import vegamap


@st.cache_resource(show_spinner=False, max_entries=32)
def _spec(fingerprint: str, _build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    return _build()


def _select_into(
    chart_key: str,
    target: str,
    transform: dict[str, str] | None,
    also: dict[str, Any],
    url: dict[str, str] | None,
) -> None:
    value = vegamap.selected(st.session_state.get(chart_key))
    if value is not None and transform is not None:
        value = transform.get(value)
    if not value:
        return
    st.session_state[target] = value
    for k, v in also.items():
        st.session_state[k] = v
    if url:  # widgets driven by the URL: the click changes the URL (the source of truth)
        from dalamangka.ui import urlstate

        for k, v in {target: value, **also}.items():
            if k in url:
                urlstate.set_param(url[k], v)


def vega_map_chart(
    build: Callable[[], dict[str, Any]],
    fingerprint: str,
    key: str,
    target: str,
    transform: dict[str, str] | None = None,
    url: dict[str, str] | None = None,
    **also: Any,
) -> None:
    """A Vega-Lite map that can be clicked; same contract as :func:`map_chart`: ``build`` runs
    once per ``fingerprint``; the clicked region's key (through ``transform``) becomes the value
    of the widget ``target``; ``also`` sets other widgets; ``url`` maps widget keys to the URL
    parameters the click writes."""
    st.vega_lite_chart(
        _spec(fingerprint, build),
        key=key,
        on_select=lambda: _select_into(key, target, transform, also, url),
        selection_mode=vegamap.SELECT,
        width="stretch",
    )
