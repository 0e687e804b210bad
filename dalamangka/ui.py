"""The one module that talks to Streamlit: connection, caching, URL state, shared widgets.

Pages call :func:`context` for the chosen city and language and :func:`query` for data; they
never open the warehouse themselves. Everything else in the package is Streamlit-free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dalamangka import about, config, quality, sql, warehouse
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
    return warehouse.open_read_only(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """A read-only cursor on the current warehouse (a new file after an import is picked up)."""
    path = ensure_warehouse()
    return warehouse.cursor(_connection(str(path), _version(path)))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, version: int, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return sql.run(connection(), name, **values)


def query(name: str, **params: Any) -> pd.DataFrame:
    """Rows of ``queries/<name>.sql`` with bound parameters, cached per warehouse version.

    ``st.cache_data`` hands every caller its own unpickled copy, so callers may modify it."""
    path = ensure_warehouse()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, _version(path), frozen)


def sidebar() -> Context:
    """Draw the shared sidebar (language, city) bound to the URL, and remember the choice.

    The URL is the source of truth (``?kota=...&lang=...``), so a link reopens the same view;
    bound widgets keep their values across page switches.
    """
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
    row = regions[regions.kode == kode].iloc[0]
    ctx = Context(
        lang=lang, kode=kode, nama=names[kode], level=str(row["level"]), provinsi=str(row["provinsi_nama"])
    )
    st.session_state["_context"] = ctx
    return ctx


def context() -> Context:
    """The sidebar's choices for the page being drawn.

    Because the project has a ``pages/`` folder, Streamlit's legacy router is on until some session
    runs ``app.py`` (its ``st.navigation`` switches it off): a session that opens a shared page link
    first on a fresh server, or an AppTest run, executes the page file alone, without the sidebar
    and navigation. Then switch the legacy router off and rerun through the entrypoint.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:  # the legacy router ran this page file alone
        PagesManager.uses_pages_directory = False
        st.rerun()
    ctx = st.session_state.get("_context")
    return ctx if isinstance(ctx, Context) else sidebar()


def source_line(text: str, lang: str) -> None:
    """The 'Sumber: ...' line printed under every chart and card."""
    st.caption(f"{COMMON('source', lang)}: {text}")


# ---------------------------------------------------------------------------------------------
# "Tentang data" panel (issue 7): callable from any page, under any chart or card.


@st.cache_resource(show_spinner=False, max_entries=4096)
def _about(indicator: str, lang: str, kode: str, version: int, year: int) -> about.AboutPanel:
    """The built panel, once per indicator, region, language and warehouse version (immutable)."""
    info = query("about_indicator", indicator=indicator)
    figures = query("about_figures", indicator=indicator, kode=kode)
    catalog = query("catalog_indicators")
    names = dict(zip(catalog.code, catalog["name_en" if lang == "en" else "name_id"], strict=True))
    latest = catalog.set_index("code")["tahun_akhir"].get(indicator)
    region = None
    if kode:
        regions = query("region_choices")
        match = regions[regions.kode == kode]
        region = str(match.nama.iloc[0]) if len(match) else kode
    return about.build_panel(
        info,
        figures,
        region,
        year,
        lang,
        names=names,
        latest_anywhere=None if latest is None or quality.is_missing(latest) else int(latest),
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _quality_report(kode: str, nama: str, year: int, lang: str, version: int) -> quality.Report:
    return quality.run_checks(query, kode, nama, year, lang)


def quality_report(kode: str, nama: str, year: int, lang: str) -> quality.Report:
    """The data-quality checks of a region, run once per warehouse version (not per rerun).

    The report is shared between sessions: callers read it and must not modify its frames."""
    return _quality_report(kode, nama, year, lang, _version(ensure_warehouse()))


def about_panel(indicator: str, lang: str, kode: str | None = None, key: str | None = None) -> None:
    """A "Tentang data" popover for one indicator (and the chosen region, if given): definition,
    unit, computation, source, status, last update, caveats and quality badges. The button label
    carries the badges compactly (e.g. "Tentang data · angka sementara · usang")."""
    import datetime as dt

    version = _version(ensure_warehouse())
    panel = _about(indicator, lang, kode or "", version, dt.date.today().year)
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


@st.cache_resource(show_spinner=False, max_entries=64)
def _memo(key: tuple[Any, ...], _build: Callable[[], Any]) -> Any:
    return _build()


def memo(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """``build()`` once per ``key`` and warehouse version, kept in memory (a map view: classes,
    legend and hover text of 514 regions take about 50 ms to format). Never mutate the result."""
    return _memo((_version(ensure_warehouse()), *key), build)


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


def map_chart(
    build: Callable[[], go.Figure],
    fingerprint: str,
    key: str,
    target: str,
    transform: dict[str, str] | None = None,
    **also: Any,
) -> None:
    """A map that can be clicked. ``build`` makes the figure; it runs once per ``fingerprint``
    (same view, same figure: the geometry sent is identical between reruns). The clicked shape's
    customdata (mapped through ``transform`` when given) becomes the value of the widget
    ``target``; ``also`` sets other widgets."""
    spec = _figure_spec(fingerprint, build)
    st.plotly_chart(
        _FrozenFigure(spec), key=key, on_select=lambda: _select_into(key, target, transform, also),
        selection_mode="points", width="stretch", config={"displaylogo": False, "scrollZoom": False},
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Presentasi (issue 8): add the current view to a deck in one click, a QR code of the view on
# demand, and the slide player. The deck model and slide rendering live in dalamangka.deck.

_DECK_KEY = "_presentasi_deck"


def session_deck(lang: str) -> Any:
    """The deck this browser session is building ("Dek saya"), a :class:`dalamangka.deck.Deck`."""
    from dalamangka import deck

    current = st.session_state.get(_DECK_KEY)
    if isinstance(current, deck.Deck):
        return current
    return deck.Deck(title=deck.TEXT_UI("my_deck", lang))


def set_session_deck(value: Any) -> None:
    st.session_state[_DECK_KEY] = value


def current_view(page: str) -> Any:
    """The view on screen as a slide: its page and the URL params that reopen it (plus the
    sidebar's city and language, which the URL leaves out when they are the defaults)."""
    from dalamangka import deck

    ctx = context()
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    params = {k: v[0] if len(v) == 1 else v for k, v in raw.items() if v}
    return deck.Slide(page=page, params=deck.view_params(params, ctx.nama, ctx.lang), title="")


def add_to_deck_button(page: str, title: str, lang: str, key: str | None = None) -> None:
    """One click adds the view on screen to the session's deck (played on the Presentasi page);
    beside it, a popover with the view's QR code and link for phones."""
    from dalamangka import deck, qr

    slide = current_view(page)
    slide = deck.Slide(slide.page, slide.params, title)

    def add() -> None:
        set_session_deck(session_deck(lang).add(slide))
        st.toast(deck.TEXT_UI("added", lang, n=len(session_deck(lang).slides)), icon=":material/slideshow:")

    left, right, _ = st.columns([2, 1, 4], gap="small", vertical_alignment="center")
    left.button(
        deck.TEXT_UI("add", lang),
        key=key or f"deck_add_{page}",
        icon=":material/slideshow:",
        on_click=add,
        help=deck.TEXT_UI("add_help", lang),
    )
    url = deck.slide_url(slide)
    with right.popover(deck.TEXT_UI("qr", lang), icon=":material/qr_code_2:"):
        st.image(qr.png(url, scale=6), width=260)
        st.code(url, language=None, wrap_lines=True)


@st.cache_resource(show_spinner=False, max_entries=256)
def _rendered_slide(_slide: Any, lang: str, height: int, base: str, version: int, *, key: str = "") -> Any:
    from dalamangka import deck

    return deck.render(_slide, deck.Env(query, lang, height), base)


def _rendered(slide: Any, lang: str, height: int, base: str, version: int) -> Any:
    """A slide drawn once per (slide, language, screen, warehouse version) and kept: changing
    slides back and forth then only sends what is already built (figures are not mutated)."""
    import json

    key = json.dumps(slide.to_dict(), sort_keys=True)
    return _rendered_slide(slide, lang, height, base, version, key=key)


def play_deck(d: Any, lang: str, screen: str = "720") -> None:
    """Play a deck full screen: sidebar and header hidden, one slide with its title, key
    message, chart and source, a QR code of the slide's view, the counter, previous/next
    buttons (arrow keys), an optional auto-advance, and Esc to leave."""
    import html
    import time

    from dalamangka import deck, fmt, projector, qr

    t = deck.TEXT_UI
    n = len(d.slides)
    raw = st.query_params.get("slide", "1")
    i = min(max(int(raw) if raw.isdigit() else 1, 1), n)

    def go(to: int) -> None:
        st.query_params["slide"] = str(min(max(to, 1), n))
        st.session_state["_presentasi_t"] = time.monotonic()

    def leave() -> None:
        st.query_params.pop("putar", None)

    st.html(projector.PLAY_CSS)
    height = projector.HEIGHTS.get(screen, projector.HEIGHTS["720"])
    path = ensure_warehouse()
    shown = _rendered(d.slides[i - 1], lang, height, deck.public_url(), _version(path))
    kind = "figure" if shown.figure is not None else "cards" if shown.cards else "note"

    def nowrap(text: str) -> str:  # "4,76 %" never breaks before its unit
        return html.escape(text).replace(" %", "\u00a0%")

    main, side = st.columns([6, 1], gap="medium")
    with main:
        st.html(
            f'<div class="kda-slide" data-slide="{i}" data-page="{html.escape(shown.page)}" '
            f'data-kind="{kind}">'
            f'<h1 class="kda-slide-title">{html.escape(shown.title)}</h1>'
            + (f'<p class="kda-slide-message">{nowrap(shown.message)}</p>' if shown.message else "")
            + "</div>"
        )
        if shown.figure is not None:
            st.plotly_chart(
                shown.figure,
                theme=None,
                key=f"presentasi_chart_{i}",
                config={"displayModeBar": False, "responsive": True},
            )
        elif shown.cards:
            st.html(projector.cards_html(shown.cards, lang))
        if shown.note:
            st.html(f'<div class="kda-slide-note">{html.escape(shown.note)}</div>')
        if shown.caption:
            st.caption(shown.caption)
        if shown.source:
            st.html(
                f'<p class="kda-slide-source">{html.escape(COMMON("source", lang))}: '
                f"{html.escape(shown.source)}</p>"
            )
    with side:
        st.html(
            f'<div class="kda-qr" data-url="{html.escape(shown.url)}">'
            f'<img alt="QR" src="{qr.data_uri(shown.url, scale=6)}"></div>'
            f'<div class="kda-qr-caption">{html.escape(t("scan", lang))}</div>'
            f'<div class="kda-counter" data-testid="kda-counter">{fmt.number(i)} / {fmt.number(n)}</div>'
        )
        st.button(
            t("next", lang),
            key="presentasi_next",
            shortcut="Right",
            on_click=go,
            args=(i + 1,),
            disabled=i >= n,
            width="stretch",
            icon=":material/arrow_forward:",
        )
        st.button(
            t("prev", lang),
            key="presentasi_prev",
            shortcut="Left",
            on_click=go,
            args=(i - 1,),
            disabled=i <= 1,
            width="stretch",
            icon=":material/arrow_back:",
        )
        with st.popover(t("qr", lang), icon=":material/qr_code_2:", width="stretch"):
            st.image(qr.png(shown.url, scale=10), width=420)
            st.code(shown.url, language=None, wrap_lines=True)
        auto = st.toggle(
            t("auto", lang),
            key="presentasi_otomatis",
            on_change=lambda: st.session_state.update(_presentasi_t=time.monotonic()),
        )
        seconds = st.selectbox(
            t("seconds", lang),
            deck.AUTO_SECONDS,
            index=deck.AUTO_SECONDS.index(deck.AUTO_DEFAULT),
            key="presentasi_detik",
            disabled=not auto,
            format_func=lambda s: t("every_s", lang, n=fmt.number(s, 0, lang)),
        )
        st.button(
            t("exit", lang),
            key="presentasi_exit",
            shortcut="Esc",
            on_click=leave,
            width="stretch",
            icon=":material/close:",
        )
    if auto and i < n:

        @st.fragment(run_every=float(seconds))
        def _advance() -> None:
            started = st.session_state.setdefault("_presentasi_t", time.monotonic())
            if time.monotonic() - started >= float(seconds) - 0.5:
                go(i + 1)
                st.rerun()

        _advance()


def edit_session_deck(lang: str) -> None:
    """Edit "Dek saya": deck title, each slide's title and key message, order, delete."""
    from dalamangka import deck

    t = deck.TEXT_UI
    d = session_deck(lang)
    st.subheader(t("edit", lang))
    title = st.text_input(t("deck_title", lang), deck.text(d.title, lang), key="presentasi_judul_dek")
    if title != deck.text(d.title, lang):
        d = deck.Deck(title, d.slides, d.description)
    for i, s in enumerate(d.slides):
        n = i + 1
        with st.container(border=True, key=f"presentasi_slide_{n}"):
            a, b = st.columns([3, 4])
            new_title = a.text_input(
                t("slide_title", lang, n=n), deck.text(s.title, lang), key=f"presentasi_t_{n}"
            )
            new_msg = b.text_input(
                t("slide_message", lang, n=n), deck.text(s.message, lang), key=f"presentasi_m_{n}"
            )
            if new_title != deck.text(s.title, lang) or new_msg != deck.text(s.message, lang):
                d = d.replaced(i, deck.Slide(s.page, s.params, new_title, new_msg))
            c1, c2, c3, c4 = st.columns([1, 1, 1, 5])
            if c1.button(t("up", lang), key=f"presentasi_up_{n}", disabled=i == 0, icon=":material/north:"):
                d = d.moved(i, -1)
            if c2.button(
                t("down", lang),
                key=f"presentasi_down_{n}",
                disabled=n == len(d.slides),
                icon=":material/arrow_downward:",
            ):
                d = d.moved(i, 1)
            if c3.button(t("delete", lang), key=f"presentasi_del_{n}", icon=":material/delete:"):
                d = d.without(i)
            c4.caption(deck.slide_url(s))
    if d != session_deck(lang):
        set_session_deck(d)
        st.rerun()
