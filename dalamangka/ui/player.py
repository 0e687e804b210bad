"""Presentasi glue: the session's deck, the add-to-deck button with its QR code, the player."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from dalamangka.i18n import COMMON
from dalamangka.ui.data import _version, ensure_warehouse, query
from dalamangka.ui.draw import draw_figure, link_line, on_demand
from dalamangka.ui.screen import header as first_screen
from dalamangka.ui.screen import prerecord
from dalamangka.ui.widgets import context

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


def slide_number(n: int) -> int:
    """The ``slide`` URL parameter as a slide number in 1..n (anything else: the first)."""
    import re

    raw = st.query_params.get("slide", "1")
    return min(max(int(raw) if re.fullmatch(r"[0-9]{1,4}", raw) else 1, 1), max(n, 1))


def public_base() -> str:
    """The address phones open: DALAMANGKA_PUBLIC_URL, else the presenter's browser address."""
    from dalamangka import deck

    return str(deck.public_url(st.context.url))


def qr_image(url: str, lang: str, scale: int, width: int) -> None:
    """The QR code of ``url`` and the link under it; a link too long for a scannable code gets
    a plain note instead (segno is never asked to encode more than a code holds)."""
    from dalamangka import deck, qr

    if qr.fits(url):
        st.image(qr.png(url, scale=scale), width=width)
    else:
        st.info(deck.TEXT_UI("qr_too_long", lang))
    link_line(url)


def room_notice(lang: str) -> None:
    """When the links point at this laptop only (loopback), say so and how to serve the room."""
    from dalamangka import deck

    base = public_base()
    if not deck.is_loopback(base):
        return
    port = urlsplit(st.context.url).port if st.context.url else None
    address = deck.lan_address()
    room = f"http://{address or deck.TEXT_UI('your_ip', lang)}:{port or 8501}"
    st.warning(deck.TEXT_UI("loopback", lang, base=base, room=room), icon=":material/wifi_off:")
    box = on_demand(deck.TEXT_UI("serve_command", lang), "presentasi_perintah_ruang", ":material/terminal:")
    if box is not None:
        with box:
            st.code(deck.serve_command(port or None, address), language="bash")


def current_view(page: str) -> Any:
    """The view on screen as a slide: its page and canonical params (codes; the language is the
    presenter's choice when the deck is played)."""
    from dalamangka import deck, state
    from dalamangka.ui import urlstate

    ctx = context()
    page_state, _ = urlstate.page_state(page, ctx.lang)
    params = state.encode(ctx.common, page_state)
    params.pop("lang", None)
    return deck.Slide(page=page, params=params, title="")


def add_to_deck_button(page: str, title: str, lang: str, key: str | None = None) -> None:
    """One click adds the view on screen to the session's deck (played on the Presentasi page);
    beside it, a popover with the view's QR code and link for phones."""
    from dalamangka import deck

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
    url = deck.slide_url(slide, public_base(), lang)
    pop = right.popover(
        deck.TEXT_UI("qr", lang), icon=":material/qr_code_2:", key=f"{key or page}_qr", on_change="rerun"
    )
    if pop.open:  # the code is drawn (a PNG, the link) only while open, not on every first view
        with pop:
            qr_image(url, lang, 6, 260)


@st.cache_resource(show_spinner=False, max_entries=256)
def _rendered_slide(_slide: Any, lang: str, height: int, base: str, version: int, *, key: str = "") -> Any:
    from dalamangka import deck
    from dalamangka.ui import urlstate
    from dalamangka.ui.data import shapes

    return deck.render(_slide, deck.Env(query, lang, height, shapes=shapes, vocab=urlstate.vocab()), base)


def _rendered(slide: Any, lang: str, height: int, base: str, version: int) -> Any:
    """A slide drawn once per (slide, language, screen, warehouse version) and kept: changing
    slides back and forth then only sends what is already built (figures are not mutated)."""
    import json

    key = json.dumps(slide.to_dict(), sort_keys=True)
    return _rendered_slide(slide, lang, height, base, version, key=key)


def share_key(d: Any, key: str) -> str:
    """The deck's key for short links: a shipped deck's name, else the id it is stored under."""
    from dalamangka import deck

    if key in deck.examples() or key.startswith("s:"):
        return key
    return "s:" + deck.store(d)


def phone_view(d: Any, key: str, lang: str) -> None:
    """The landing view of a slide's QR code on a phone: title, key message and chart first
    (phone-sized, legend below), the source, and one tap to the full page."""
    import html

    from dalamangka import deck

    n = len(d.slides)
    i = slide_number(n)
    shown = _rendered(d.slides[i - 1], lang, 720, public_base(), _version(ensure_warehouse()))
    view = shown.view
    st.html(
        f'<div class="kda-phone" data-slide="{i}" data-page="{html.escape(shown.page)}">'
        f'<h2 class="kda-phone-title" style="margin:0 0 .3rem 0">{html.escape(shown.title)}</h2>'
        + (
            f'<p class="kda-phone-message" style="font-size:1.1rem">{html.escape(shown.message)}</p>'
            if shown.message
            else ""
        )
        + "</div>"
    )
    # the QR link's first screen for serve's page shell (a session's first run; ui/screen.py)
    first_screen(shown.title, shown.message or "", shown.source or "", lang, level=2)
    if view is not None and view.make_figure is not None and not isinstance(view.figure, dict):
        st.plotly_chart(
            deck.phone_style(view.figure),
            theme=None,
            key="presentasi_phone_chart",
            config={"displayModeBar": False, "responsive": True},
        )
    elif view is not None and view.make_figure is not None:
        draw_figure(view.figure, "presentasi_phone_chart", shown.title)  # with its phone first paint
    elif shown.cards:
        from dalamangka import projector

        st.html(projector.cards_html(shown.cards, lang))
    if shown.note:
        st.info(shown.note)
    if shown.source:
        st.caption(f"{COMMON('source', lang)}: {shown.source}")
    st.link_button(
        deck.TEXT_UI("full_page", lang, page=COMMON("page_" + shown.page, lang)),
        shown.url,
        icon=":material/open_in_full:",
        type="primary",
        width="stretch",
    )


def note_pin(shown: Any) -> tuple[str, str, int | None] | None:
    """What a slide's figure is about, for Catatan FGD: (indicator, region code, year or None);
    None for a slide without one indicator (headline cards, a unit's SKM profile) or no chart."""
    view = shown.view
    if view is None or shown.figure is None:
        return None
    ind = getattr(view.state, "ind", None)
    if not isinstance(ind, str) or not ind:
        return None
    tahun = getattr(view.state, "tahun", None)
    return ind, view.common.kota, tahun if isinstance(tahun, int) else None


def play_deck(d: Any, lang: str, screen: str = "720", key: str = "") -> None:
    """Play a deck full screen: sidebar and header hidden, one slide with its title, key
    message, chart and source, a QR code of the slide's view, the counter, previous/next
    buttons (arrow keys), an optional auto-advance, and Esc to leave."""
    import html
    import time

    from dalamangka import deck, fmt, projector, qr

    t = deck.TEXT_UI
    n = len(d.slides)
    i = slide_number(n)

    def go(to: int) -> None:
        st.query_params["slide"] = str(min(max(to, 1), n))
        st.session_state["_presentasi_t"] = time.monotonic()

    def leave() -> None:
        st.query_params.pop("putar", None)

    st.html(projector.PLAY_CSS)
    height = projector.HEIGHTS.get(screen, projector.HEIGHTS["720"])
    path = ensure_warehouse()
    base = public_base()
    shown = _rendered(d.slides[i - 1], lang, height, base, _version(path))
    link = deck.landing_url(base, share_key(d, key), i, lang) if key else shown.url
    if not qr.fits(link):  # never: links hold codes and short ids; the page link is the fallback
        link = shown.url
    if key and link != shown.url:  # the room scans this code at once: its first screen now

        def phone() -> tuple[Any, str, str]:  # what phone_view draws for this link
            seen = _rendered(d.slides[i - 1], lang, 720, base, _version(path))
            v = seen.view
            spec = v.figure if v is not None and v.make_figure is not None else None
            return spec, seen.message or "", seen.source or ""

        prerecord(link, shown.title, phone, lang)
    kind = "figure" if shown.figure is not None else "cards" if shown.cards else "note"

    def nowrap(text: str) -> str:  # "4,76 %" never breaks before its unit
        return html.escape(text).replace(" %", "\u00a0%")

    pin = note_pin(shown)
    badge = None
    if pin is not None:
        from dalamangka.notes import markers
        from dalamangka.ui import notes as ui_notes

        badge = markers.card_badge(ui_notes.city_notes(pin[1]), pin[0], pin[1], lang)

    main, side = st.columns([6, 1], gap="medium")
    with main:
        if badge is not None:  # the slide's figure has open notes: say so on the projector
            st.badge(badge.label, icon=":material/flag:", color=badge.color)  # type: ignore[arg-type]
        st.html(
            f'<div class="kda-slide" data-slide="{i}" data-page="{html.escape(shown.page)}" '
            f'data-kind="{kind}">'
            f'<h1 class="kda-slide-title">{html.escape(shown.title)}</h1>'
            + (f'<p class="kda-slide-message">{nowrap(shown.message)}</p>' if shown.message else "")
            + "</div>"
        )
        if isinstance(shown.figure, dict):  # Vega-Lite (issue 14), restyled by projector.style_spec
            st.vega_lite_chart(shown.figure, key=f"presentasi_chart_{i}", width="stretch")
        elif shown.figure is not None:
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
            f'<div class="kda-qr" data-url="{html.escape(link)}" data-view="{html.escape(shown.url)}">'
            f'<img alt="QR" src="{qr.data_uri(link, scale=6)}"></div>'
            f'<div class="kda-qr-caption">{html.escape(t("scan", lang))}</div>'
            f'<div class="kda-counter" data-testid="kda-counter">{fmt.number(i)} / {fmt.number(n)}</div>'
        )
        if pin is not None:  # Catatan FGD (issue 18): phones in the room note on this figure
            note_link = markers.note_link(base, *pin)
            if qr.fits(note_link):
                st.html(
                    f'<div class="kda-note-qr" data-url="{html.escape(note_link)}">'
                    f'<img alt="QR" src="{qr.data_uri(note_link, scale=4)}"></div>'
                    f'<div class="kda-qr-caption">{html.escape(ui_notes.TEXT("scan", lang))}</div>'
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
        with st.container(key="presentasi_clicker"):  # presenter clickers send PageDown/PageUp
            st.button(t("next", lang), key="presentasi_next_pg", shortcut="PageDown", on_click=go,
                      args=(i + 1,), disabled=i >= n)  # fmt: skip
            st.button(t("prev", lang), key="presentasi_prev_pg", shortcut="PageUp", on_click=go,
                      args=(i - 1,), disabled=i <= 1)  # fmt: skip
        with st.popover(t("qr", lang), icon=":material/qr_code_2:", width="stretch"):
            qr_image(link, lang, 10, 420)
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
