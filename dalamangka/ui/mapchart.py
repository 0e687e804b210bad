"""The clickable map chart: a figure built once per fingerprint and sent without re-copying."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st


class _FrozenFigure(go.Figure):  # type: ignore[misc]
    """A figure whose plotly dict was computed once. st.plotly_chart calls ``to_dict()``, which
    for a normal figure deep-copies every coordinate (about 0.6 s for the national map)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self._frozen_spec = spec

    def to_dict(self) -> dict[str, Any]:
        return self._frozen_spec


@st.cache_resource(show_spinner=False, max_entries=32)
def _figure_spec(fingerprint: str, _build: Callable[[], go.Figure]) -> dict[str, Any]:
    spec: dict[str, Any] = _build().to_dict()
    return spec


def _select_into(
    chart_key: str,
    target: str,
    transform: dict[str, str] | None,
    also: dict[str, Any],
    url: dict[str, str] | None = None,
) -> None:
    event = st.session_state.get(chart_key)
    points = event.selection.points if event is not None else []
    for point in points:
        value = point.get("customdata")
        if isinstance(value, list):
            value = value[0] if value else None
        if transform is not None:
            value = transform.get(value) if value is not None else None
        if value:
            st.session_state[target] = value
            for k, v in also.items():
                st.session_state[k] = v
            if url:  # widgets driven by the URL: the click changes the URL (the source of truth)
                from dalamangka.ui import urlstate

                for k, v in {target: value, **also}.items():
                    if k in url:
                        urlstate.set_param(url[k], v)
            return


def map_chart(
    build: Callable[[], go.Figure],
    fingerprint: str,
    key: str,
    target: str,
    transform: dict[str, str] | None = None,
    url: dict[str, str] | None = None,
    **also: Any,
) -> None:
    """A map that can be clicked. ``build`` makes the figure; it runs once per ``fingerprint``
    (same view, same figure: the geometry sent is identical between reruns). The clicked shape's
    customdata (mapped through ``transform`` when given) becomes the value of the widget
    ``target``; ``also`` sets other widgets; ``url`` maps widget keys to the URL parameters
    the click writes (``{"kota": "kota"}``)."""
    spec = _figure_spec(fingerprint, build)
    st.plotly_chart(
        _FrozenFigure(spec), key=key, on_select=lambda: _select_into(key, target, transform, also, url),
        selection_mode="points", width="stretch", config={"displaylogo": False, "scrollZoom": False},
    )  # fmt: skip
