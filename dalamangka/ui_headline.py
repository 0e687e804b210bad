"""Streamlit glue for the headline cards (issue 16): the built cards, cached.

The cards of a region depend only on the warehouse file, the language and the day (their year
badges age with the date), so they are built once per (region, language, day, warehouse version)
and shared between sessions; a warm rerun of Ringkasan only draws them. Callers must not modify
the cards (they are frozen; do not change their lists either). The lead moves this into the
``dalamangka/ui/`` package when issue 13 lands.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dalamangka import headline, ui


@st.cache_resource(show_spinner=False, max_entries=256)
def _cards(
    region: headline.Region, lang: str, day: dt.date, version: int
) -> tuple[list[headline.Card], list[str]]:
    return headline.cards_for(ui.query, region, lang, day)


def cards(region: headline.Region, lang: str) -> tuple[list[headline.Card], list[str]]:
    """The region's headline cards in policy order, and the slots it has no figure for."""
    version = ui.ensure_warehouse().stat().st_mtime_ns
    return _cards(region, lang, dt.date.today(), version)
