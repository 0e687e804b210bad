"""The clickable light map: a Vega-Lite choropleth (dalamangka.vegamap) whose click selects a
region (the maps were plotly until issue 14; no page draws a plotly map now)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from dalamangka import config, vegamap
from dalamangka.ui.data import settle_heap
from dalamangka.ui.draw import first_paint, width_fitted


@st.cache_resource(show_spinner=False, max_entries=32)
def _spec(fingerprint: str, _build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    spec = _build()
    settle_heap()  # a map spec is kept: its ~100,000 lists out of the collector's way
    return spec


log = logging.getLogger(__name__)
GEOMETRY_DIR = config.GEOMETRY_DIR


def publish_geometry(data: bytes, name: str, folder: Path = GEOMETRY_DIR) -> bool:
    """``data`` in ``folder/name``, written whole (a temporary file renamed: a browser or another
    replica never reads half a file); a file already there is kept (its name is its digest).
    False when it cannot be written (a read-only install): the map then stays inline."""
    path = folder / name
    try:
        if path.is_file() and path.stat().st_size == len(data):
            return True
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return True
    except OSError as e:
        log.warning("map boundaries kept inline: %s", e)
        return False


@st.cache_resource(show_spinner=False, max_entries=32)
def _live_spec(fingerprint: str, _spec: dict[str, Any]) -> dict[str, Any]:
    """The spec the browser gets: a large map's boundaries as a file it fetches once
    (:func:`dalamangka.vegamap.with_geometry_url`), when Streamlit serves the app's static folder;
    else the spec itself."""
    data = vegamap.geometry(_spec)
    if data is None or not st.get_option("server.enableStaticServing"):
        return _spec
    name = vegamap.geometry_name(data)
    if not publish_geometry(data, name):
        return _spec
    return vegamap.with_geometry_url(_spec, vegamap.GEOMETRY_URL.format(name=name))


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


def map_spec(fingerprint: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The spec :func:`vega_map_chart` draws for ``fingerprint`` (built and kept once, its
    boundaries published as a static file): a replica's warm-up builds it ahead of the room."""
    return _live_spec(fingerprint, _spec(fingerprint, build))


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
    # the phone's first paint is drawn from the whole spec (the renderer fetches nothing)
    with (
        first_paint(spec, key, label, f"map:{key}:{fingerprint}"),
        width_fitted(_live_spec(fingerprint, spec), key) as (live, size),
    ):
        st.vega_lite_chart(
            live,
            key=key,
            on_select=lambda: _select_into(key, target, transform, also, url),
            selection_mode=vegamap.SELECT,
            width="stretch",
            **size,
        )
