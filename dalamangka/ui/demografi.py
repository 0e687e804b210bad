"""Streamlit glue of issue 12: the age-structure block (kecamatan profile on Peta, Ringkasan), the
two-series comparison block (Kualitas) and the Peta "2010 / newest" switch. Logic lives in
:mod:`dalamangka.demografi` and :mod:`dalamangka.charts`; this module only draws."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dalamangka import demografi, ui


def _cite(source_id: str, lang: str) -> str:
    sources = ui.query("source_catalog").set_index("source_id")
    col = "cite_en" if lang == "en" else "cite_id"
    return str(sources[col].get(source_id, source_id))


def age_structure_block(
    kode: str, nama: str, lang: str, key: str, container: object | None = None, lazy: bool = False
) -> None:
    """The age structure of a region, one tab per series (newest first), each with its source;
    nothing when the warehouse holds no age groups for the region.

    ``lazy``: in a closed expander whose charts are drawn only once the reader opens it (Ringkasan:
    the leaders' cards come first, and a phone does not draw one Vega chart per series ten
    screens down before it is asked for; issue 14)."""
    where = container if container is not None else st.container()
    series = demografi.age_series(ui.query("age_structure", kode=kode), lang)
    if not series:
        return
    if lazy:
        with where:  # type: ignore[attr-defined]
            box = st.expander(
                demografi.T("title", lang, name=nama),
                key=f"{key}_buka",
                icon=":material/groups:",
                on_change="rerun",
            )
        if not box.open:
            return
        where = box
    with where:  # type: ignore[attr-defined]
        tabs = st.tabs([f"{s.name} {s.tahun}" for s in series]) if len(series) > 1 else [st.container()]
        for tab, s in zip(tabs, series, strict=True):
            with tab:
                title, subtitle = demografi.age_titles(s, nama, lang)
                st.markdown(f"**{title}**  \n:gray[{subtitle.replace('<br>', ' · ')}]")
                ui.draw_figure(
                    demografi.age_structure_spec(s.rows, lang), f"{key}_{s.source_id}_{s.tahun}", paint=False
                )
                st.caption(demografi.T("no_sex", lang))
                ui.source_line(_cite(s.source_id, lang), lang)


def series_pairs_block(kode: str, lang: str) -> None:
    """Kualitas: every pair of series of one concept the region (and its kecamatan) has, with the
    differences; nothing for a pair without figures in both series."""
    catalog = ui.query("catalog_indicators")
    names = dict(zip(catalog.code, catalog["short_en" if lang == "en" else "short_id"], strict=True))
    st.subheader(demografi.T("pairs_title", lang))
    st.caption(demografi.T("pairs_intro", lang))
    for first, second in demografi.SERIES_PAIRS:
        frame = ui.query("quality_series_pairs", first=first, second=second, kode=kode)
        if frame.empty:
            continue
        pair = demografi.T("pair", lang, a=names.get(first, first), b=names.get(second, second))
        st.markdown(f"**{pair}**")
        table = demografi.pairs_table(frame, names, lang)
        st.dataframe(table, hide_index=True, key=f"kualitas_pair_{first}_{second}")
        sources = sorted(set(frame.sumber_1) | set(frame.sumber_2))
        ui.source_line("; ".join(_cite(s, lang) for s in sources), lang)


def _jump(indicator: str, tahun: int) -> None:
    """Open the map on another series and year: the URL is the view's state (issue 13)."""
    ui.set_param("ind", indicator)
    ui.set_param("tahun", tahun)


def map_vintage_switch(catalog: pd.DataFrame, indicator: str, default: str, lang: str) -> None:
    """Peta: one click between the newest figures and the 2010 census quick count (SP2010)."""
    years = catalog.groupby("indicator").tahun.max()
    if indicator != demografi.SP2010 and demografi.SP2010 in years.index:
        st.button(
            demografi.T("go_2010", lang),
            key="peta_ke_2010",
            on_click=_jump,
            args=(demografi.SP2010, int(years[demografi.SP2010])),
            icon=":material/history:",
        )
    elif indicator == demografi.SP2010 and default != demografi.SP2010:
        newest = int(years[default])
        st.button(
            demografi.T("go_newest", lang, year=newest),
            key="peta_ke_terbaru",
            on_click=_jump,
            args=(default, newest),
            icon=":material/update:",
        )
