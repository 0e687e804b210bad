"""Drawing a :class:`dalamangka.views.View`: one dispatch for figures (plotly or Vega-Lite), the
exploration pages' frame (less air above the heading, lazy tabs bound to ``tab=``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import streamlit as st
from streamlit.elements.lib.mutable_tab_container import TabContainer

from dalamangka import firstpaint, firstscreen, mapfit
from dalamangka.i18n import COMMON
from dalamangka.ui import screen
from dalamangka.ui.urlstate import set_param
from dalamangka.views import View


def draw_figure(
    fig: Any, key: str, label: str = "", paint: bool = True, paint_wait: float | None = None, **kwargs: Any
) -> None:
    """Draw a figure: a Vega-Lite spec (dict) with ``st.vega_lite_chart``, preceded on a phone by
    its server-drawn first paint (:mod:`dalamangka.firstpaint`) unless ``paint`` is false (charts
    below the first screen); else plotly. ``label``: what the picture shows, for screen readers
    (the view's title); ``paint_wait``: how long this view waits for its picture (default
    :data:`dalamangka.firstpaint.WAIT_S`; 0: only a picture already drawn)."""
    if isinstance(fig, dict):
        with (
            first_paint(fig if paint else None, key, label, wait_s=paint_wait),
            width_fitted(fig, key) as (spec, size),
        ):
            st.vega_lite_chart(spec, key=key, width="stretch", **size, **kwargs)
    else:
        st.plotly_chart(fig, theme=None, key=key, **kwargs)


def phone_session() -> bool:
    """Whether this session's browser says it is a phone (:func:`dalamangka.firstscreen.is_phone`
    on the headers of its websocket request); true when no browser is known (a test's run, serve's
    warm-up). A desktop is never sent a chart's first paint: it would only hide it, after the
    bytes (the national map's: 0.4 MB) and the sanitiser's pass over them (~0.2-0.3 s of a fresh
    view; docs/benchmarks.md, session 22)."""
    headers = st.context.headers
    if not headers:
        return True
    return firstscreen.is_phone(headers.get("User-Agent") or "", headers.get("Sec-CH-UA-Mobile") or "")


@contextmanager
def first_paint(
    spec: dict[str, Any] | None, key: str, label: str, fingerprint: str = "", wait_s: float | None = None
) -> Iterator[None]:
    """A container holding the spec's phone first paint, then whatever the caller draws in it
    (the interactive chart of the same spec); the paint is hidden once that chart has drawn.
    ``spec=None``: no first paint; ``fingerprint``, ``wait_s``: see
    :func:`dalamangka.firstpaint.phone_picture`."""
    phone = phone_session()
    # a desktop never waits for the picture (it is not sent one): drawn meanwhile for the next phone
    wait = wait_s if phone else 0.0
    img = None if spec is None else firstpaint.phone_picture(spec, label, wait, fingerprint=fingerprint)
    screen.record(img)  # a session's first run: its first chart becomes the URL's first screen
    if img is None or not phone:
        yield
        return
    with st.container(key=f"kdafp_{key}", gap=None):
        st.html(firstpaint.block(img))
        yield


@contextmanager
def width_fitted(spec: Any, key: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Yields the spec to draw and the chart's size arguments. A map (:mod:`dalamangka.mapfit`)
    is drawn only as tall as its shapes need at the screen's width: its container's height follows
    its width through CSS (container query units), never more than the spec's own height, and
    the spec's height becomes the container's. A browser without container units keeps the
    spec's height. Any other spec is drawn as it is."""
    fit = mapfit.fit_of(spec)
    if fit is None:
        yield spec, {}
        return
    box, most = f"kdafit_{key}", int(spec["height"])
    tall = f"calc(100cqw * {float(fit['aspect']):.4f} + {float(fit['below']):.0f}px)"
    chart = f".st-key-{box} [data-testid='stVegaLiteChart']"
    st.html(
        f"<style>.st-key-{box}{{container-type:inline-size}}"
        f"{chart}{{height:{most}px!important;height:min({most}px,{tall})!important}}</style>"
    )
    with st.container(key=box, gap=None):
        yield {**spec, "height": "container"}, {"height": "stretch"}


def compact_top(css: str = "") -> None:
    """Less air above a page's heading (and the page's own ``css`` rules), so the chart of an
    exploration page starts in the upper third of a 390 px phone's first screen (issue 15)."""
    st.html(f"<style>[data-testid='stMainBlockContainer']{{padding-top:3.5rem}}{css}</style>")


def notices(view: View, decoded: Sequence[str] = ()) -> None:
    """The link values the page did not use, each naming the value and what is shown instead:
    ``decoded``, those the URL's decoding refused (:func:`dalamangka.ui.widgets.choices`: an
    unknown ``mode=`` or ``ukuran=``), then the view's own (a value this view does not have);
    each once."""
    for text in dict.fromkeys([*decoded, *view.notices]):
        st.warning(text, icon=":material/link_off:")


def draw_view(view: View, key: str, figure: bool = True) -> None:
    """The view's figure (or why there is none), its captions and notes, and the source line.
    ``figure=False``: the page drew the figure itself (the clickable map)."""
    if view.make_figure is not None:
        if figure:
            draw_figure(view.figure, key, view.title)
    elif view.empty:
        st.info(view.empty)
    for note in view.notes:
        st.caption(note)
    for info in view.infos:
        st.info(info, icon=":material/info:")
    if view.source:
        st.caption(f"{COMMON('source', view.common.lang)}: {view.source}")
    for warning in view.warnings:
        st.warning(warning)


def lazy_tabs(key: str, tabs: Mapping[str, str], current: str, default: str) -> dict[str, TabContainer]:
    """Tabs bound to ``tab=`` in the URL (``tabs``: code -> label; the ``default`` tab is left out
    of the URL). A tab's body runs only while it is open (``tab.open``): a table's JavaScript
    (+1.6 MB) never loads on the first screen. Returns code -> tab."""

    def changed() -> None:
        code = {v: k for k, v in tabs.items()}.get(st.session_state.get(key, ""), default)
        set_param("tab", None if code == default else code)

    st.session_state[key] = tabs[current]
    drawn = st.tabs(list(tabs.values()), key=key, on_change=changed)
    screen.tabs(tuple(tabs.values()), list(tabs).index(current))  # the first screen's tab row
    return dict(zip(tabs, drawn, strict=True))


def link_line(url: str) -> None:
    """A link shown as its address (monospace, selectable, opens on a tap); not ``st.code``,
    whose highlighter is 1.5 MB of JavaScript (issue 14)."""
    if any(c in url for c in "`<> \n"):  # cannot be a markdown link destination: plain text
        st.text(url)
    else:
        st.markdown(f"[`{url}`](<{url}>)")


def on_demand(label: str, key: str, icon: str | None = None) -> Any:
    """A closed expander whose body the page draws only once the reader opens it (returns the
    expander, else None): heavy elements such as a code block (+1.5 MB of highlighter) or a table
    (+1.2-1.6 MB) never load with the page (issue 14)."""
    box = st.expander(label, key=key, icon=icon, on_change="rerun")
    return box if box.open else None
