"""The clickable light map: a Vega-Lite choropleth (dalamangka.vegamap) whose click selects a
region (the maps were plotly until issue 14; no page draws a plotly map now)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dalamangka import vegamap
from dalamangka.ui.data import settle_heap
from dalamangka.ui.draw import first_paint


@st.cache_resource(show_spinner=False, max_entries=32)
def _spec(fingerprint: str, _build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    spec = _build()
    settle_heap()  # a map spec is kept: its ~100,000 lists out of the collector's way
    return spec


def apply_pick(
    value: Any,
    target: str,
    transform: dict[str, str] | None,
    also: dict[str, Any],
    url: dict[str, str] | None = None,
) -> None:
    """A map click's region key (through ``transform``) becomes the value of the widget
    ``target``; ``also`` sets other widgets; ``url`` maps widget keys to the URL parameters the
    click writes (the URL is the source of truth). Shared by the plotly and Vega-Lite maps."""
    if transform is not None:
        value = transform.get(value) if value is not None else None
    if not value:
        return
    st.session_state[target] = value
    for k, v in also.items():
        st.session_state[k] = v
    if url:
        from dalamangka.ui import urlstate

        for k, v in {target: value, **also}.items():
            if k in url:
                urlstate.set_param(url[k], v)


def _select_into(
    chart_key: str,
    target: str,
    transform: dict[str, str] | None,
    also: dict[str, Any],
    url: dict[str, str] | None,
) -> None:
    apply_pick(vegamap.selected(st.session_state.get(chart_key)), target, transform, also, url)


def vega_map_chart(
    build: Callable[[], dict[str, Any]],
    fingerprint: str,
    key: str,
    target: str,
    transform: dict[str, str] | None = None,
    url: dict[str, str] | None = None,
    label: str = "",
    **also: Any,
) -> None:
    """A Vega-Lite map that can be clicked: ``build`` runs
    once per ``fingerprint``; the clicked region's key (through ``transform``) becomes the value
    of the widget ``target``; ``also`` sets other widgets; ``url`` maps widget keys to the URL
    parameters the click writes. On a phone the map's server-drawn first paint shows until Vega
    has drawn it (:func:`dalamangka.ui.draw.first_paint`; ``label``: the map's title)."""
    spec = _spec(fingerprint, build)
    with first_paint(spec, key, label, f"map:{key}:{fingerprint}"):
        st.vega_lite_chart(
            spec,
            key=key,
            on_select=lambda: _select_into(key, target, transform, also, url),
            selection_mode=vegamap.SELECT,
            width="stretch",
        )
