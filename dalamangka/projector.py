"""The projector look: readable from the back of a meeting room at 1280×720 and 1920×1080.

Large base font, thick lines, big markers, black on white, the Okabe-Ito palette (safe for
colour-blind readers) and Indonesian number separators (:func:`dalamangka.fmt.separators`).
:func:`style` restyles any plotly figure a page builder made; :func:`cards_html` lays out
headline cards as big type; :data:`PLAY_CSS` hides the app's chrome while a deck plays.
Pure functions: no Streamlit here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from dalamangka import fmt
from dalamangka.headline import Card

# Okabe & Ito (2008), "Color Universal Design": black first for the strongest contrast, the
# pale yellow last (it vanishes on a washed-out projector).
OKABE_ITO: tuple[str, ...] = (
    "#D55E00",  # vermillion
    "#0072B2",  # blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
INK = "#000000"
GRID = "#BFC5CC"
FONT = "Source Sans Pro, Arial, sans-serif"
BASE_FONT = 22
TITLE_FONT = 24
SUBTITLE_FONT = 21
LINE_MIN = 4.0  # px; the thinnest line drawn on a projector
LINE_SCALE = 2.0
MARKER_MIN = 12.0
MARKER_SCALE = 1.7
LEGEND_FONT = 18
FEW_SHAPES = 60  # a city's kecamatan, not the 514 kab/kota: borders drawn thicker
MAP_TRACES = ("choropleth", "choroplethmap", "choroplethmapbox", "scattergeo", "scattermap", "scattermapbox")
YEAR_TICKS = 9  # more years than this on an axis: label every other year
HEIGHTS: dict[str, int] = {"720": 450, "1080": 700}  # chart height per screen (px)


def template(lang: str = "id") -> go.layout.Template:
    """A plotly template for projected charts (fonts, palette, thick axes, separators)."""
    axis = {
        "showline": True,
        "linewidth": 2,
        "linecolor": INK,
        "gridcolor": GRID,
        "gridwidth": 1,
        "ticks": "outside",
        "tickwidth": 2,
        "tickfont": {"size": BASE_FONT, "color": INK},
        "title": {"font": {"size": BASE_FONT, "color": INK}},
        "zeroline": False,
    }
    return go.layout.Template(
        layout={
            "separators": fmt.separators(lang),
            "font": {"family": FONT, "size": BASE_FONT, "color": INK},
            "title": {"font": {"size": TITLE_FONT, "color": INK}},
            "colorway": list(OKABE_ITO),
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "xaxis": axis,
            "yaxis": axis,
            "legend": {"font": {"size": BASE_FONT, "color": INK}},
            "hoverlabel": {"font": {"size": BASE_FONT}},
        },
        data={
            "scatter": [go.Scatter(line={"width": 5}, marker={"size": 14})],
            "bar": [go.Bar(textfont={"size": BASE_FONT})],
        },
    )


def _scaled(value: Any, scale: float, floor: float) -> float:
    base = float(value) if isinstance(value, int | float) else floor / scale
    return max(base * scale, floor)


def style(fig: go.Figure, lang: str = "id", height: int = HEIGHTS["720"]) -> go.Figure:
    """Restyle a page's figure for the projector, in place, and return it.

    The slide prints its own title in large type above the chart, so the chart's title gives
    way to its subtitle (what is drawn, the years). Lines get thicker and markers bigger in
    proportion, so the chosen city stays the strongest line; text grows to the base font.
    """
    scale = max(1.0, height / HEIGHTS["720"])  # a bigger screen gets proportionally bigger type
    base, sub, legend_font = (
        round(BASE_FONT * scale),
        round(SUBTITLE_FONT * scale),
        round(LEGEND_FONT * scale),
    )
    layout_title = fig.layout.title
    subtitle = layout_title.subtitle.text if layout_title and layout_title.subtitle else None
    subtitle = subtitle or (layout_title.text if layout_title else None)
    is_map = any(t.type in MAP_TRACES for t in fig.data)
    fig.update_layout(
        template=template(lang),
        separators=fmt.separators(lang),
        font={"family": FONT, "size": base, "color": INK},
        title={"text": subtitle or "", "subtitle": {"text": ""}, "font": {"size": sub}},
        height=height,
        margin={"l": 20, "r": 40, "t": 56 if subtitle else 20, "b": 20},
        legend={"font": {"size": base}, "title": {"text": ""}},
        hoverlabel={"font": {"size": base}},
    )
    fig.update_xaxes(  # automargin: large ticks and the axis title never overlap or clip
        tickfont={"size": base, "color": INK},
        title_font={"size": base},
        linewidth=2,
        linecolor=INK,
        automargin=True,
    )
    fig.update_yaxes(  # automargin: large ticks and the axis title never overlap or clip
        tickfont={"size": base, "color": INK},
        title_font={"size": base},
        linewidth=2,
        linecolor=INK,
        automargin=True,
    )
    for axis in fig.select_xaxes():
        if axis.dtick == 1 and axis.range is not None and axis.range[1] - axis.range[0] > YEAR_TICKS:
            axis.dtick = 2 if axis.range[1] - axis.range[0] <= 2 * YEAR_TICKS else None
    if is_map:
        # the map on the left, its class legend on the right (a band under the map would eat the
        # height a 16:9 slide does not have)
        fig.update_geos(domain={"x": [0, 0.7], "y": [0, 1]})
        fig.update_maps(domain={"x": [0, 0.7], "y": [0, 1]})
        fig.update_layout(
            margin={"l": 0, "r": 0, "t": 56 if subtitle else 10, "b": 0},
            legend={
                "orientation": "v",
                "x": 0.72,
                "xanchor": "left",
                "y": 1,
                "yanchor": "top",
                "font": {"size": legend_font},
                "title": {"text": fig.layout.legend.title.text or "", "font": {"size": legend_font}},
            },
        )
    elif fig.layout.showlegend is not False and len(fig.data) > 1:
        fig.update_layout(
            legend={
                "orientation": "v",
                "x": 1.01,
                "xanchor": "left",
                "y": 1,
                "yanchor": "top",
                "font": {"size": legend_font},
                "itemwidth": 40,
            }
        )
    for trace in fig.data:
        kind = trace.type
        if kind == "scatter":
            mode = trace.mode or "lines+markers"
            if "lines" in mode:
                trace.line.width = _scaled(trace.line.width, LINE_SCALE, LINE_MIN)
            if "markers" in mode:
                trace.marker.size = _scaled(trace.marker.size, MARKER_SCALE, MARKER_MIN)
            if "text" in mode:
                trace.textfont.size = base
        elif kind == "bar":
            trace.textfont.size = base
            trace.marker.line = {"color": INK, "width": 1}
            if trace.orientation == "h" and trace.textposition == "outside":
                fig.update_layout(margin={"r": 130})  # room for the value printed after the bar
        elif kind in ("choropleth", "choroplethmap", "choroplethmapbox"):
            if trace.locations is not None and len(trace.locations) <= FEW_SHAPES:
                trace.marker.line.width = max(float(trace.marker.line.width or 0), 2.0)
        elif kind in ("scattermap", "scattermapbox", "scattergeo") and "text" in (trace.mode or ""):
            size = float(trace.textfont.size or 0) if trace.textfont else 0.0
            trace.textfont = {"size": max(size * 1.3, base - 6), "color": INK}
    for note in fig.layout.annotations or ():
        note.font.size = max(float(note.font.size or 0), base - 2)
    for shape in fig.layout.shapes or ():
        if shape.line is not None and shape.line.width is not None:
            shape.line.width = max(float(shape.line.width) * LINE_SCALE, 3.0)
    return fig


def label_map(
    fig: go.Figure, names: Sequence[str], lons: Sequence[float], lats: Sequence[float]
) -> go.Figure:
    """Print kecamatan names on a map at the given points (e.g. representative points of the
    polygons), in dark text with a white halo so they read over any fill colour."""
    if not names:
        return fig
    has_map = any(t.type in ("choroplethmap", "scattermap") for t in fig.data)
    trace_type = go.Scattermap if has_map else go.Scattergeo
    fig.add_trace(
        trace_type(
            lon=list(lons),
            lat=list(lats),
            text=list(names),
            mode="text",
            textfont={"size": BASE_FONT - 4, "color": INK},
            hoverinfo="skip",
            showlegend=False,
            name="",
        )
    )
    return fig


def cards_html(cards: Sequence[Card], lang: str = "id") -> str:
    """Headline cards for the projector: name and year, the value in huge type, the change.

    Every string comes already formatted (:mod:`dalamangka.fmt`, via the Card); this only
    escapes and lays them out. Sources are printed once under the grid by the slide.
    """
    items = []
    for card in cards:
        delta = ""
        if card.delta:
            delta = f'<div class="kda-card-delta">{html.escape(card.delta)} {html.escape(card.since)}</div>'
        status = f'<div class="kda-card-status">{html.escape(card.status)}</div>' if card.status else ""
        items.append(
            '<div class="kda-card">'
            f'<div class="kda-card-title">{html.escape(card.label)}</div>'
            f'<div class="kda-card-value">{html.escape(card.value)}</div>'
            f"{delta}{status}</div>"
        )
    return f'<div class="kda-cards" data-lang="{html.escape(lang)}">{"".join(items)}</div>'


PLAY_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.8rem 2.2rem 0.2rem 2.2rem !important; max-width: 100% !important;
}
[data-testid="stAppViewContainer"] { background: #ffffff; }
.kda-slide-title { font-size: clamp(30px, 3.3vw, 64px); font-weight: 700; line-height: 1.12;
  color: #000; margin: 0; }
.kda-slide-message { font-size: clamp(20px, 2.0vw, 40px); line-height: 1.25; color: #111;
  margin: 0.25em 0 0 0; }
.kda-slide-source { font-size: clamp(15px, 1.2vw, 24px); color: #1a1a1a; margin: 0.2em 0 0 0; }
.kda-slide-note { font-size: clamp(20px, 1.8vw, 34px); color: #000; border-left: 8px solid #D55E00;
  padding: 0.5em 0.8em; background: #fff3ea; margin: 1em 0; }
.kda-counter { font-size: clamp(20px, 1.6vw, 32px); font-weight: 700; text-align: center; color: #000; }
.kda-qr img { width: 100%; image-rendering: pixelated; }
.st-key-presentasi_clicker { display: none; }  /* PageDown/PageUp twins of next/previous */
.kda-note-qr img { width: 70%; display: block; margin: 0.6rem auto 0; image-rendering: pixelated; }
.kda-qr-caption { font-size: clamp(12px, 0.9vw, 18px); text-align: center; color: #000; }
.kda-cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 14px; margin-top: 10px; }
/* a presenter's phone or tablet: fewer columns, never wider than the screen */
@media (max-width: 700px) { .kda-cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@media (max-width: 460px) { .kda-cards { grid-template-columns: minmax(0, 1fr); } }
.kda-card { border: 3px solid #000; border-radius: 10px; padding: 10px 16px; background: #fff; }
.kda-card-title { font-size: clamp(17px, 1.35vw, 28px); color: #000; }
.kda-card-value { font-size: clamp(30px, 3.0vw, 58px); font-weight: 700; color: #000; line-height: 1.1; }
.kda-card-delta { font-size: clamp(16px, 1.2vw, 24px); color: #0b3d6e; }
.kda-card-status { font-size: clamp(15px, 1.1vw, 22px); color: #8a3b00; font-weight: 700; }
</style>
"""


# --- Vega-Lite specs (issue 14: line/bar/strip/scatter charts are Vega-Lite dicts) ---------------

PAGE_FONT = 13  # vega.config's page font size: marks' font sizes grow in this proportion
BAR_STEP_SCALE = 1.6  # bar band per category on a projector (vega.ranked_bars(projected=True))


def _thicker(value: Any) -> Any:
    return max(float(value) * LINE_SCALE, LINE_MIN) if isinstance(value, int | float) else value


def _bigger(value: Any) -> Any:  # a point's size is its area (px²)
    if not isinstance(value, int | float):
        return value
    return max(float(value) * MARKER_SCALE**2, MARKER_MIN**2)


def _scaled_channel(channel: Any, scale: Any) -> Any:
    """An encoding channel (``{"value": 2}``, ``{"condition": {...}, "value": ...}``) with its
    constant values scaled; a field-driven channel is left alone."""
    if not isinstance(channel, dict):
        return channel
    out = dict(channel)
    if "value" in out:
        out["value"] = scale(out["value"])
    cond = out.get("condition")
    if isinstance(cond, dict):
        out["condition"] = _scaled_channel(cond, scale)
    elif isinstance(cond, list):
        out["condition"] = [_scaled_channel(c, scale) for c in cond]
    return out


def _restyle_unit(unit: dict[str, Any]) -> None:
    """Thicker lines, bigger points and larger text in one unit or layer spec (in place)."""
    raw = unit.get("mark")
    mark: dict[str, Any] = {"type": raw} if isinstance(raw, str) else raw if isinstance(raw, dict) else {}
    kind = mark.get("type")
    if raw is not None:
        unit["mark"] = mark
    enc: dict[str, Any] = unit.get("encoding") if isinstance(unit.get("encoding"), dict) else {}  # type: ignore[assignment]
    if kind in ("line", "rule", "trail"):
        mark["strokeWidth"] = _thicker(mark.get("strokeWidth", 1.0))
        if "strokeWidth" in enc:
            enc["strokeWidth"] = _scaled_channel(enc["strokeWidth"], _thicker)
    if kind in ("point", "circle", "square"):
        if "size" in mark:
            mark["size"] = _bigger(mark["size"])
        else:
            mark["size"] = MARKER_MIN**2
        if "size" in enc:
            enc["size"] = _scaled_channel(enc["size"], _bigger)
    if kind == "text":
        size = mark.get("fontSize", PAGE_FONT)
        mark["fontSize"] = (
            max(float(size) * BASE_FONT / PAGE_FONT, BASE_FONT) if isinstance(size, int | float) else size
        )
    for part in ("layer", "hconcat", "vconcat", "concat"):
        for child in unit.get(part, []) or []:
            if isinstance(child, dict):
                _restyle_unit(child)
    if isinstance(unit.get("spec"), dict):  # facet / repeat
        _restyle_unit(unit["spec"])


def style_spec(spec: dict[str, Any], lang: str = "id", height: int = HEIGHTS["720"]) -> dict[str, Any]:
    """A copy of a page's Vega-Lite spec in the projector look (the dict counterpart of
    :func:`style`): the projector config of :func:`dalamangka.vega.config` (large type, thick
    axes, Okabe-Ito, the language's separators), lines ×LINE_SCALE (at least LINE_MIN px),
    points and text larger, the chart's height for the screen (bars: a wider band per bar).
    The data are untouched; the page's spec is not mutated."""
    import copy

    from dalamangka import vega  # vega imports this module: imported here, not at the top

    out = copy.deepcopy(spec)
    config = vega.config(lang, projected=True)
    mine: dict[str, Any] = out["config"] if isinstance(out.get("config"), dict) else {}
    for key, value in config.items():  # the page's own extra config keys survive
        if isinstance(value, dict) and isinstance(mine.get(key), dict):
            mine[key] = {**mine[key], **value}
        else:
            mine[key] = value
    out["config"] = mine
    h = out.get("height")
    if isinstance(h, dict) and isinstance(h.get("step"), int | float):
        out["height"] = {"step": float(h["step"]) * BAR_STEP_SCALE}
    else:
        out["height"] = height
    title = out.pop("title", None)  # the slide prints its own title in large type: the subtitle stays
    if isinstance(title, dict) and title.get("subtitle"):
        out["title"] = {"text": title["subtitle"], "fontSize": SUBTITLE_FONT, "fontWeight": "normal"}
    scale = max(1.0, height / HEIGHTS["720"])  # a 1080p screen: proportionally bigger type
    for part in ("axis", "legend", "text") if scale > 1 else ():
        block = mine.get(part)
        for key in ("labelFontSize", "titleFontSize", "fontSize"):
            if isinstance(block, dict) and isinstance(block.get(key), int | float):
                block[key] = round(block[key] * scale)
    _restyle_unit(out)
    return out
