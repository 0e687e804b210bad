"""Shared widgets: the sidebar (language, city), the page context, the ranked list beside a map,
source lines, "Tentang data"."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dalamangka import about, answers, auth, config, fmt, quality, state, tables
from dalamangka.i18n import COMMON, Text, normalise_lang
from dalamangka.ui.data import _version, ensure_warehouse, memo, query


@dataclass(frozen=True)
class Context:
    """The shared choices of the sidebar: language and the chosen kota/kabupaten."""

    lang: str
    kode: str
    nama: str
    level: str
    provinsi: str

    @property
    def common(self) -> state.Common:
        """Region and language as URL state."""
        return state.Common(kota=self.kode, lang=self.lang)


def picker(
    where: DeltaGenerator,
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    format_func: Callable[[Any], Any] = str,
    icon: str | None = None,
    **selectbox: Any,
) -> Any:
    """A select box drawn in a popover whose button names the current choice ("Indikator: IPM",
    derived from the widget's state, markdown-escaped); returns the select box's value.

    Why not the select box itself (issue 14): Streamlit's select box is the costliest widget of a
    first view (its code is loaded and run: ~0.25 s of a fresh view's browser time on a slow
    machine, docs/benchmarks.md, session 11); a closed popover draws none of its content in the
    browser. The widget, its key and its URL binding (``ui.bind``) are unchanged."""
    current = st.session_state.get(key)
    shown = str(format_func(current)) if current in options else str(selectbox.get("placeholder") or "")
    with where.popover(f"{fmt.md_escape(label)}: {fmt.md_escape(shown)}", icon=icon, width="stretch"):
        return st.selectbox(label, options, format_func=format_func, key=key, **selectbox)


def _regions() -> tuple[list[str], dict[str, str], dict[str, tuple[str, str]]]:
    """The city picker's order (the seed cities first), names, and each region's level and
    province: made once per warehouse version, not on every session's first run (pandas on 514
    rows took 10-60 ms of it while the event loop held the interpreter; session 22)."""
    regions = query("region_choices")
    kodes = [str(k) for k in regions.kode]
    seeds = [k for k in config.SEED_CITIES if k in set(kodes)]
    order = seeds + [k for k in kodes if k not in seeds]
    names = dict(zip(kodes, (str(n) for n in regions.nama), strict=True))
    about_region = {
        k: (str(lv), str(pv)) for k, lv, pv in zip(kodes, regions.level, regions.provinsi_nama, strict=True)
    }
    return order, names, about_region


def sidebar() -> Context:
    """Draw the shared sidebar (language, city) and remember the choice.

    The URL is the source of truth (``?kota=1275&lang=id``, codes only; old links with names
    are read once and rewritten): the widgets are preset from it and write to it on change.
    A value the app does not know gives a visible notice naming it and what is shown instead.
    """
    from dalamangka import firstpaint
    from dalamangka.ui import urlstate

    firstpaint.start_warm_up()
    order, names, about_region = memo(("sidebar_regions",), _regions)
    com, notes = urlstate.common()
    lang = normalise_lang(com.lang)
    with st.sidebar:
        # a segmented control, not a radio: the group pickers already load its code (issue 14)
        st.segmented_control(
            COMMON("language") + " / Language",
            ["id", "en"],
            format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
            required=True,
            **urlstate.bind("lang", "lang", lang),
        )
        picker(
            st.sidebar,
            COMMON("city", lang),
            order,
            icon=":material/location_on:",
            format_func=lambda k: names.get(k, k),
            help=COMMON("city_help", lang),
            **urlstate.bind("kota", "kota", com.kota),
        )
    for note in notes:
        st.warning(note, icon=":material/link_off:")
    kode = com.kota
    level, provinsi = about_region[kode]
    ctx = Context(lang=lang, kode=kode, nama=names[kode], level=level, provinsi=provinsi)
    st.session_state["_context"] = ctx
    return ctx


def context() -> Context:
    """The sidebar's choices for the page being drawn (see :mod:`dalamangka.ui.router` for a
    page file run alone by Streamlit's legacy folder router: it reruns through app.py)."""
    from dalamangka.ui import router

    router.leave_legacy_router()
    ctx = st.session_state.get("_context")
    return ctx if isinstance(ctx, Context) else sidebar()


def choices(page: str) -> tuple[Context, Any, list[str]]:
    """The page's context, its typed choices decoded from the URL, and the notices of link values
    that were not used (draw them with the view: :func:`dalamangka.ui.draw.notices`)."""
    from dalamangka.ui import urlstate

    ctx = context()
    page_state, notes = urlstate.page_state(page, ctx.lang)
    return ctx, page_state, notes


LIST_TEXT = Text(
    {
        "hidden": ("{n} wilayah lain", "{n} more regions"),
        "missing_line": (
            "Tanpa angka (tidak ada data, bukan nol), tanpa peringkat: {n} wilayah",
            "Without a figure (no data, not zero), not ranked: {n} regions",
        ),
    }
)


def ranked_list(
    where: DeltaGenerator,
    answer: answers.Answer,
    unit: str,
    decimals: int,
    chosen: Sequence[str],
    lang: str,
    full: bool = True,
    flags: Mapping[str, str] | None = None,
    height: int | None = None,
    key: str | None = None,
) -> None:
    """Beside a map: its regions in rank order of the measure drawn (top/bottom 10 and the
    chosen regions unless ``full``); the chosen regions in bold; regions without a figure after
    the ranked ones, unranked; ``flags``: BPS code -> open-note status (a ⚑ after the name).
    With ``height`` (px) the lines scroll in a bordered box of that height (``key``) under the
    answer's sentence, which stays in view."""
    table = answer.table
    ranked, missing = table[table.peringkat.notna()], table[table.peringkat.isna()]
    short = tables.top_bottom(ranked, chosen, full=full)
    if answer.sentence:
        where.markdown(f"**{answer.sentence}**")
    if height is not None:
        where = where.container(height=height, border=True, key=key)
    lines = []
    for r in short.rows.to_dict("records"):
        if r["lompat"]:
            lines.append(f"… {LIST_TEXT('hidden', lang, n=int(r['lompat']))}")
        value = fmt.value(float(r["nilai"]), unit, decimals, lang)
        flag = f" ⚑ {flags[r['kode']]}" if flags and r["kode"] in flags else ""
        # "26\\." not "26.": markdown would renumber the lines after a gap as a list (1, 2, ...)
        line = f"{int(r['peringkat'])}\\. {r['nama']} · {value}{flag}"
        lines.append(f"**{line}**" if r["dipilih"] else line)
    if lines:
        where.markdown("  \n".join(lines))
    if len(missing):
        listed = ", ".join(
            f"**{n}**" if d else str(n) for n, d in zip(missing.nama, missing.dipilih, strict=True)
        )
        where.markdown(f"{LIST_TEXT('missing_line', lang, n=fmt.number(len(missing), 0, lang))}: {listed}")


LOGIN_TEXT = Text(
    {
        "user": ("Nama pengguna", "User name"),
        "password": ("Kata sandi", "Password"),
        "submit": ("Masuk", "Log in"),
    }
)


def login_form(prefix: str, heading: str, lang: str) -> None:
    """A walidata/produsen login form (accounts of :mod:`dalamangka.auth`), one for every page that
    needs one: on success the session is kept in ``st.session_state[f"{prefix}_session"]`` and
    the page reruns; a refused login says why."""
    with st.form(f"{prefix}_login"):
        st.markdown(f"**{heading}**")
        user = st.text_input(LOGIN_TEXT("user", lang), key=f"{prefix}_user")
        password = st.text_input(LOGIN_TEXT("password", lang), type="password", key=f"{prefix}_password")
        if st.form_submit_button(LOGIN_TEXT("submit", lang)):
            try:
                st.session_state[f"{prefix}_session"] = auth.login(user.strip(), password)
                st.rerun()
            except auth.LoginFailed as e:
                st.error(e.message(lang))


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


def about_of(indicator: str, lang: str, kode: str | None = None) -> about.AboutPanel:
    """The "Tentang data" panel's content for one indicator (and region), built once per warehouse
    version and day (:func:`dalamangka.cardhtml.about` draws it inside a Ringkasan card)."""
    import datetime as dt

    version = _version(ensure_warehouse())
    return _about(indicator, lang, kode or "", version, dt.date.today().year)


def about_panel(indicator: str, lang: str, kode: str | None = None, key: str | None = None) -> None:
    """A "Tentang data" popover for one indicator (and the chosen region, if given): definition,
    unit, computation, source, status, last update, caveats and quality badges. The button label
    carries the badges compactly (e.g. "Tentang data · angka sementara · usang")."""
    panel = about_of(indicator, lang, kode)
    flags = quality.badge_text(panel.badges)
    label = about.TEXT("button", lang) + (f" · {flags}" if flags else "")
    pop = st.popover(
        label, icon=":material/info:", key=key or f"about_{indicator}_{kode or ''}", on_change="rerun"
    )
    if not pop.open:  # drawn only while open: a page with 15 cards sends 15 labels, not 150 blocks
        return
    with pop:
        st.markdown(f"**{panel.title}**")
        for badge in panel.badges:
            st.badge(badge.label, color=badge.color, help=badge.help)  # type: ignore[arg-type]
        for heading, body in panel.sections:
            st.markdown(f"**{heading}**  \n{body}")
        st.markdown(f"**{about.TEXT('metadata', lang)}**")
        st.markdown("\n".join(f"- {k}: {v}" if k else f"- _{v}_" for k, v in panel.metadata))
