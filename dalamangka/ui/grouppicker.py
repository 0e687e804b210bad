"""The comparison-group picker of Tren and Bandingkan.

The group lives in one URL value, ``grup=`` (:mod:`dalamangka.groups`): a wrapping row of
kinds (fits a 390 px phone), the population band under ``mirip`` and, under ``daftar``, the
safe multi-pick (one region per pick, :data:`dalamangka.groups.MULTISELECT_ARGS`) whose list is
kept in the URL (``grup=daftar-1275.1671``). Each change writes ``grup=`` only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dalamangka import config, groups
from dalamangka.i18n import COMMON, Text
from dalamangka.ui.urlstate import set_param

T = Text(
    {
        "band": ("Rentang penduduk (± %)", "Population band (± %)"),
        "custom": ("Wilayah pembanding (ketik untuk mencari)", "Regions to compare (type to search)"),
    }
)


def grup_value(kind: str, band: int | None = None, codes: Sequence[str] = ()) -> str | None:
    """The ``grup`` URL value of a picked kind (None: the default group, left out of the URL).
    ``mirip`` states its band; ``daftar`` without codes is the empty custom list."""
    if kind == groups.DEFAULT_KIND:
        return None
    if kind == "mirip":
        return groups.encode(groups.Choice("mirip", str(band or config.SIMILAR_POPULATION_BAND)))
    if kind == "daftar":
        return groups.encode(groups.custom(codes)) if codes else "daftar"
    return kind


def _kind_changed(key: str, choice: groups.Choice) -> None:
    kind = st.session_state.get(f"{key}_grup") or groups.DEFAULT_KIND
    band = int(choice.arg) if choice.kind == "mirip" and choice.arg else None
    set_param("grup", grup_value(kind, band, choice.codes))


def _band_changed(key: str) -> None:
    set_param("grup", grup_value("mirip", band=st.session_state.get(f"{key}_pita")))


def _list_changed(key: str) -> None:
    set_param("grup", grup_value("daftar", codes=list(st.session_state.get(f"{key}_daftar") or [])))


def group_picker(
    key: str,
    label: str,
    choice: groups.Choice,
    options: Mapping[str, Sequence[object]],
    names: Mapping[str, str],
    lang: str,
    where: DeltaGenerator | None = None,
) -> None:
    """The group picker (widget keys ``<key>_grup``, ``<key>_pita``, ``<key>_daftar``) preset to
    ``choice``; ``options``: the view's ``grup`` kinds, ``pita`` bands and ``daftar`` region
    codes (``names`` labels them). ``where``: the column the kinds are drawn in."""
    where = where or st.container()
    st.html(
        f"<style>.st-key-{key}_grup [data-baseweb='button-group'],.st-key-{key}_grup "
        "div[role='radiogroup']{flex-wrap:wrap;row-gap:.25rem}</style>"
    )
    st.session_state[f"{key}_grup"] = choice.kind
    where.segmented_control(
        label,
        list(options["grup"]),
        required=True,
        format_func=lambda k: groups.T("kind_" + str(k), lang),
        key=f"{key}_grup",
        on_change=_kind_changed,
        args=(key, choice),
    )
    if choice.kind == "mirip":
        st.session_state[f"{key}_pita"] = int(choice.arg or config.SIMILAR_POPULATION_BAND)
        st.segmented_control(
            T("band", lang),
            list(options["pita"]),
            required=True,
            format_func=lambda b: f"±{b} %",
            key=f"{key}_pita",
            on_change=_band_changed,
            args=(key,),
        )
    if choice.kind == "daftar":
        st.session_state[f"{key}_daftar"] = choice.codes
        st.multiselect(
            T("custom", lang),
            [str(k) for k in options["daftar"]],
            format_func=lambda k: names.get(str(k), str(k)),
            placeholder=COMMON("pick_regions", lang),
            key=f"{key}_daftar",
            on_change=_list_changed,
            args=(key,),
            **cast(dict[str, Any], groups.MULTISELECT_ARGS),
        )
