"""The one module that talks to Streamlit: connection, caching, URL state, shared widgets.

Pages call :func:`context` for the chosen city and language and :func:`query` for data; they
never open the warehouse themselves. Everything else in the package is Streamlit-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dalamangka import config, sql, warehouse
from dalamangka.i18n import COMMON, normalise_lang


@dataclass(frozen=True)
class Context:
    """The shared choices of the sidebar: language and the chosen kota/kabupaten."""

    lang: str
    kode: str
    nama: str
    level: str
    provinsi: str


def _version(path: Path) -> int:
    """Changes whenever the warehouse file is replaced (build or import), to refresh caches."""
    return path.stat().st_mtime_ns


def ensure_warehouse() -> Path:
    """Build the warehouse on first start, showing progress, then return its path."""
    path = config.warehouse_path()
    if path.exists():
        return path
    bar = st.progress(0.0, text=COMMON("building"))

    def progress(fraction: float, message: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=f"{COMMON('building')} {message}")

    warehouse.build(path, progress=progress)
    bar.empty()
    return path


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(path: str, version: int) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


def connection() -> duckdb.DuckDBPyConnection:
    """A read-only cursor on the current warehouse (a new file after an import is picked up)."""
    path = ensure_warehouse()
    return _connection(str(path), _version(path)).cursor()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, version: int, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return sql.run(connection(), name, **values)


def query(name: str, **params: Any) -> pd.DataFrame:
    """Rows of ``queries/<name>.sql`` with bound parameters, cached per warehouse version."""
    path = ensure_warehouse()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, _version(path), frozen).copy()


def sidebar() -> Context:
    """Draw the shared sidebar (language, city) bound to the URL, and remember the choice."""
    regions = query("region_choices")
    seeds = [k for k in config.SEED_CITIES if k in set(regions.kode)]
    order = seeds + [k for k in regions.kode if k not in seeds]
    names = dict(zip(regions.kode, regions.nama, strict=True))
    with st.sidebar:
        lang = st.radio(
            COMMON("language") + " / Language",
            ["id", "en"],
            format_func={"id": "Bahasa Indonesia", "en": "English"}.get,
            horizontal=True,
            key="lang",
            bind="query-params",
        )
        lang = normalise_lang(lang)
        kode = st.selectbox(
            COMMON("city", lang),
            order,
            index=order.index(config.DEFAULT_CITY),
            format_func=lambda k: names.get(k, k),
            key="kota",
            bind="query-params",
            help=COMMON("city_help", lang),
        )
    kode = kode or config.DEFAULT_CITY
    row = regions.set_index("kode").loc[kode]
    ctx = Context(
        lang=lang, kode=kode, nama=names[kode], level=str(row.level), provinsi=str(row.provinsi_nama)
    )
    st.session_state["_context"] = ctx
    return ctx


def context() -> Context:
    """The sidebar's choices for the page being drawn."""
    ctx = st.session_state.get("_context")
    return ctx if isinstance(ctx, Context) else sidebar()


def source_line(text: str, lang: str) -> None:
    """The 'Sumber: ...' line printed under every chart and card."""
    st.caption(f"{COMMON('source', lang)}: {text}")


# ---------------------------------------------------------------------------------------------
# "Tentang data" panel (issue 7): callable from any page, under any chart or card.


def about_panel(indicator: str, lang: str, kode: str | None = None, key: str | None = None) -> None:
    """A "Tentang data" popover for one indicator (and the chosen region, if given): definition,
    unit, computation, source, status, last update, caveats and quality badges. The button label
    carries the badges compactly (e.g. "Tentang data · angka sementara · usang")."""
    import datetime as dt

    from dalamangka import about, quality

    info = query("about_indicator", indicator=indicator)
    figures = query("about_figures", indicator=indicator, kode=kode or "")
    catalog = query("catalog_indicators")
    names = dict(zip(catalog.code, catalog["name_en" if lang == "en" else "name_id"], strict=True))
    latest = catalog.set_index("code")["tahun_akhir"].get(indicator)
    region = None
    if kode:
        regions = query("region_choices")
        match = regions[regions.kode == kode]
        region = str(match.nama.iloc[0]) if len(match) else kode
    panel = about.build_panel(
        info,
        figures,
        region,
        dt.date.today().year,
        lang,
        names=names,
        latest_anywhere=None if latest is None or quality.is_missing(latest) else int(latest),
    )
    flags = quality.badge_text(panel.badges)
    label = about.TEXT("button", lang) + (f" · {flags}" if flags else "")
    with st.popover(label, icon=":material/info:", key=key or f"about_{indicator}_{kode or ''}"):
        st.markdown(f"**{panel.title}**")
        for badge in panel.badges:
            st.badge(badge.label, color=badge.color, help=badge.help)  # type: ignore[arg-type]
        for heading, body in panel.sections:
            st.markdown(f"**{heading}**  \n{body}")
        st.markdown(f"**{about.TEXT('metadata', lang)}**")
        st.markdown("\n".join(f"- {k}: {v}" if k else f"- _{v}_" for k, v in panel.metadata))


# --- Maps (issue 3): boundary GeoJSON, built once per warehouse version and kept in memory ----
# cache_resource returns the same object on every rerun (no copy), so a figure's geometry is
# identical between reruns; callers must not mutate it.


@st.cache_resource(show_spinner=False, max_entries=64)
def _shapes(name: str, version: int, params: tuple[tuple[str, Any], ...], decimals: int) -> dict[str, Any]:
    from dalamangka import geo

    rows = sql.run(connection(), name, **dict(params))
    key = "kode" if "kode_kemendagri" not in rows else "kode_kemendagri"
    return geo.feature_collection(rows[key], rows["wkb"], decimals)


def shapes(name: str, decimals: int, **params: Any) -> dict[str, Any]:
    """GeoJSON of ``queries/<name>.sql`` (rows with ``wkb``), feature id = kode_kemendagri or kode."""
    path = ensure_warehouse()
    return _shapes(name, _version(path), tuple(sorted(params.items())), decimals)


def _select_into(chart_key: str, target: str, transform: dict[str, str] | None, also: dict[str, Any]) -> None:
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
            return


def map_chart(fig: Any, key: str, target: str, transform: dict[str, str] | None = None, **also: Any) -> None:
    """A map that can be clicked: the clicked shape's customdata (mapped through ``transform``
    when given) becomes the value of the widget ``target``; ``also`` sets other widgets."""
    st.plotly_chart(
        fig, key=key, on_select=lambda: _select_into(key, target, transform, also), selection_mode="points",
        width="stretch", config={"displaylogo": False, "scrollZoom": False},
    )  # fmt: skip
