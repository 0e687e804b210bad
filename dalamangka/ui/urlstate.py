"""The URL as the source of truth: read once per run, decoded by :mod:`dalamangka.state`, and
rewritten in canonical form (codes, ``lang=id|en``).

Widgets are not bound to the URL by Streamlit (``bind="query-params"`` writes the widget's
formatted, translated label). Instead :func:`bind` presets a widget from the decoded state and
its ``on_change`` writes the chosen code into ``st.query_params``; the page then writes the
resolved state back with :func:`write_url`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from dalamangka import state
from dalamangka.ui.data import _version, ensure_warehouse, query

_COMMON = "_state_common"  # the session's last region and language (a page switch drops the URL)


@st.cache_resource(show_spinner=False, max_entries=2)
def _vocab(version: int) -> state.Vocab:
    return state.vocab(query)


def vocab() -> state.Vocab:
    """The codes links may name, once per warehouse version."""
    return _vocab(_version(ensure_warehouse()))


def current_query() -> dict[str, list[str]]:
    """The URL's parameters now (repeated parameters as lists)."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def common() -> tuple[state.Common, list[str]]:
    """Region and language from the URL; missing ones from the session's last choice."""
    fallback = st.session_state.get(_COMMON)
    com, notes = state.decode_common(
        current_query(), vocab(), fallback if isinstance(fallback, state.Common) else None
    )
    st.session_state[_COMMON] = com
    return com, notes


def page_state(page: str, lang: str) -> tuple[Any, list[str]]:
    """The page's typed choices from the URL and the notices of values that were not used."""
    return state.decode_page(page, current_query(), vocab(), lang)


def _to_url(key: str, param: str, clear: Sequence[str]) -> None:
    value = st.session_state.get(key)
    encoded = state.encode_value(value)
    if encoded is None:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = encoded
    for other in clear:  # choices that depend on this one (a year of another indicator)
        st.query_params.pop(other, None)
    if param in ("kota", "lang") and isinstance(prev := st.session_state.get(_COMMON), state.Common):
        st.session_state[_COMMON] = state.replace(prev, **{param: value})


def bind(key: str, param: str, value: Any, clear: Sequence[str] = ()) -> dict[str, Any]:
    """Preset the widget ``key`` to ``value`` (from the URL) and return the widget's ``key`` and
    ``on_change`` arguments: a change writes the new code to the URL parameter ``param``."""
    st.session_state[key] = list(value) if isinstance(value, tuple) else value
    return {"key": key, "on_change": _to_url, "args": (key, param, tuple(clear))}


def set_param(param: str, value: Any) -> None:
    """Write one choice to the URL (a map click that picks a region)."""
    encoded = state.encode_value(value)
    if encoded is None:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = encoded
    if param in ("kota", "lang") and isinstance(prev := st.session_state.get(_COMMON), state.Common):
        st.session_state[_COMMON] = state.replace(prev, **{param: value})


def write_url(common: state.Common, page_state: Any, keep: Sequence[str] = ()) -> None:
    """Rewrite the URL to the canonical form of the view on screen (old labels and bad values
    disappear; defaults the view resolved are written out, so the link keeps meaning the same)."""
    canonical: dict[str, str | list[str]] = dict(state.encode(common, page_state))
    now = current_query()
    for k in keep:
        if k in now:
            canonical[k] = now[k] if len(now[k]) > 1 else now[k][0]
    if now != {k: [v] if isinstance(v, str) else v for k, v in canonical.items()}:
        st.query_params.from_dict(canonical)
