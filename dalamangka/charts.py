"""Shared plotly builders for the Tren and Bandingkan pages: pure functions, DataFrame in, figure out.

One look for every chart: Indonesian separators (``layout.separators``), the chosen city in a
strong colour, other regions muted, a colour-blind-safe palette (Okabe-Ito), years written
without thousands marks, and gaps where a year has no figure (``connectgaps=False``).
Hover text is formatted by :mod:`dalamangka.fmt` before it reaches plotly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dalamangka import fmt

# Okabe-Ito, without the yellow (too pale on a projector); the chosen city takes HIGHLIGHT.
HIGHLIGHT = "#D55E00"
PALETTE: tuple[str, ...] = ("#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
MUTED = "#A7B1BC"
MEDIAN = "#333333"
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash")
SYMBOLS: tuple[str, ...] = ("circle", "square", "diamond", "triangle-up", "x")
FONT = "Source Sans Pro, Arial, sans-serif"
MANY = 7  # more regions than this besides the chosen one: draw the others grey


def base_layout(lang: str, title: str = "", subtitle: str = "", height: int = 460) -> dict[str, Any]:
    """Layout every chart starts from: separators of the language, readable fonts, quiet grid."""
    return {
        "separators": fmt.separators(lang),
        "title": {"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left"},
        "font": {"family": FONT, "size": 15, "color": "#222222"},
        "height": height,
        "margin": {"l": 70, "r": 20, "t": 84 if subtitle else 60, "b": 50},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT, "size": 14}},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    }


def region_colours(kodes: Sequence[str], highlight: str | Sequence[str]) -> dict[str, str]:
    """Colour per region: the chosen one(s) strong, a few others distinct, many others grey."""
    chosen = [highlight] if isinstance(highlight, str) else list(highlight)
    colours: dict[str, str] = {}
    others = [k for k in dict.fromkeys(kodes) if k not in chosen]
    for i, k in enumerate(chosen):
        colours[k] = HIGHLIGHT if i == 0 else PALETTE[(i - 1) % len(PALETTE)]
    offset = max(len(chosen) - 1, 0)
    for i, k in enumerate(others):
        colours[k] = PALETTE[(offset + i) % len(PALETTE)] if len(others) <= MANY - offset else MUTED
    return colours


def _axis(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title},
        "showgrid": True,
        "gridcolor": "#E6E9ED",
        "zeroline": False,
        "linecolor": "#888888",
        "automargin": True,
        **extra,
    }


@dataclass(frozen=True)
class TrendSpec:
    """What a trend chart says around its lines."""

    title: str
    subtitle: str
    y_title: str
    unit: str
    decimals: int


def trend_figure(frame: pd.DataFrame, highlight: str, spec: TrendSpec, lang: str) -> go.Figure:
    """One line per (region, series) over a full year grid; missing years stay None (gaps).

    ``frame`` has columns kode, indicator, label, tahun, y (one row per year of the grid,
    y NaN where the source has no figure) and ``series_rank`` (0 = the chosen indicator).
    The chosen region is drawn last, thick and in the highlight colour.
    """
    fig = go.Figure(layout=base_layout(lang, spec.title, spec.subtitle))
    if frame.empty:
        return fig
    colours = region_colours(frame.kode.tolist(), highlight)
    years = sorted(int(y) for y in frame.tahun.unique())
    groups = list(frame.groupby(["indicator", "kode"], sort=False))
    groups.sort(key=lambda g: (g[0][1] == highlight, -int(g[1].series_rank.iloc[0])))
    for (indicator, kode), g in groups:
        g = g.sort_values("tahun")
        rank = int(g.series_rank.iloc[0])
        chosen = kode == highlight
        values = [None if fmt.is_missing(v) else float(v) for v in g.y]
        texts = [fmt.value(v, spec.unit, spec.decimals, lang) for v in values]
        fig.add_trace(
            go.Scatter(
                x=[int(t) for t in g.tahun],
                y=values,
                name=str(g.label.iloc[0]),
                mode="lines+markers",
                connectgaps=False,
                customdata=texts,
                hovertemplate="%{fullData.name}<br>%{x}: %{customdata}<extra></extra>",
                line={"color": colours[str(kode)], "width": 4 if chosen else 1.8, "dash": DASHES[rank % 5]},
                marker={"size": 9 if chosen else 6, "symbol": SYMBOLS[rank % 5]},
                opacity=1.0 if chosen else 0.75,
                meta={"kode": str(kode), "indicator": str(indicator), "highlight": chosen},
            )
        )
    fig.update_xaxes(
        _axis(
            "", tickformat="d", dtick=1 if len(years) <= 16 else None, range=[years[0] - 0.4, years[-1] + 0.4]
        )
    )
    fig.update_yaxes(_axis(spec.y_title, tickformat=",~f"))
    fig.update_layout(showlegend=True, hovermode="closest")
    return fig


@dataclass(frozen=True)
class ValueSpec:
    """Titles and number format of a one-year comparison chart."""

    title: str
    subtitle: str
    x_title: str
    unit: str
    decimals: int
    median_label: str


def bar_figure(
    table: pd.DataFrame, highlight: Sequence[str], median: float | None, spec: ValueSpec, lang: str
) -> go.Figure:
    """Ranked horizontal bars (rank 1 on top) of ``table`` (kode, nama, nilai, in rank order)."""
    height = max(320, 26 * len(table) + 150)
    fig = go.Figure(layout=base_layout(lang, spec.title, spec.subtitle, height=height))
    if table.empty:
        return fig
    colours = region_colours(table.kode.tolist(), highlight)
    chosen = set(highlight)
    bar_colours = [colours[k] if k in chosen else MUTED for k in table.kode]
    values = [float(v) for v in table.nilai]
    fig.add_trace(
        go.Bar(
            x=values,
            y=list(table.nama),
            orientation="h",
            marker={"color": bar_colours},
            text=[fmt.value(v, spec.unit, spec.decimals, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
            meta={"kodes": list(table.kode)},
        )
    )
    if median is not None:
        fig.add_vline(x=median, line={"color": MEDIAN, "dash": "dash", "width": 1.5})
        fig.add_annotation(
            x=median,
            y=1.0,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=f"{spec.median_label}: {fmt.value(median, spec.unit, spec.decimals, lang)}",
        )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 14}, automargin=True)
    fig.update_xaxes(_axis(spec.x_title, tickformat=",~f"))
    fig.update_layout(showlegend=False, margin={"r": 90})
    return fig


def strip_figure(
    table: pd.DataFrame, highlight: Sequence[str], median: float | None, spec: ValueSpec, lang: str
) -> go.Figure:
    """One dot per region (kode, nama, nilai) on one axis, the chosen ones labelled, median marked."""
    fig = go.Figure(layout=base_layout(lang, spec.title, spec.subtitle, height=260))
    if table.empty:
        return fig
    chosen = [k for k in highlight if k in set(table.kode)]
    # A fixed, repeatable vertical spread (not random) so equal values do not hide each other.
    order = table.nilai.rank(method="first").astype(int)
    offsets = [((int(i) % 5) - 2) * 0.12 for i in order]
    texts = [fmt.value(float(v), spec.unit, spec.decimals, lang) for v in table.nilai]
    fig.add_trace(
        go.Scatter(
            x=[float(v) for v in table.nilai],
            y=offsets,
            mode="markers",
            marker={"color": MUTED, "size": 9, "opacity": 0.8},
            customdata=texts,
            text=list(table.nama),
            hovertemplate="%{text}: %{customdata}<extra></extra>",
            name="",
        )
    )
    colours = region_colours(table.kode.tolist(), chosen)
    rows = table.set_index("kode")
    for i, kode in enumerate(chosen):
        v = float(rows.nilai.loc[kode])
        name = str(rows.nama.loc[kode])
        fig.add_trace(
            go.Scatter(
                x=[v],
                y=[0],
                mode="markers",
                name=name,
                marker={"color": colours[kode], "size": 16, "line": {"color": "white", "width": 1.5}},
                hovertemplate=f"{name}: {fmt.value(v, spec.unit, spec.decimals, lang)}<extra></extra>",
                meta={"kode": kode, "highlight": True},
            )
        )
        fig.add_annotation(
            x=v,
            y=0,
            text=name,
            showarrow=True,
            arrowhead=0,
            ax=0,
            ay=-34 - 22 * (i % 3),
            font={"color": colours[kode], "size": 14},
        )
    if median is not None:
        fig.add_vline(x=median, line={"color": MEDIAN, "dash": "dash", "width": 1.5})
        fig.add_annotation(
            x=median,
            y=-0.45,
            showarrow=False,
            yanchor="top",
            text=f"{spec.median_label}: {fmt.value(median, spec.unit, spec.decimals, lang)}",
        )
    fig.update_yaxes(visible=False, range=[-0.5, 0.7])
    fig.update_xaxes(_axis(spec.x_title, tickformat=",~f"))
    fig.update_layout(showlegend=False, margin={"t": 70 if spec.subtitle else 50, "b": 40})
    return fig


@dataclass(frozen=True)
class ScatterSpec:
    """Titles and formats of a two-indicator scatter."""

    title: str
    subtitle: str
    x_title: str
    y_title: str
    x_unit: str
    y_unit: str
    x_decimals: int
    y_decimals: int


def scatter_figure(table: pd.DataFrame, highlight: Sequence[str], spec: ScatterSpec, lang: str) -> go.Figure:
    """Regions (kode, nama, x, y; both figures present) as dots; the chosen ones labelled."""
    fig = go.Figure(layout=base_layout(lang, spec.title, spec.subtitle, height=520))
    if table.empty:
        return fig
    chosen = [k for k in highlight if k in set(table.kode)]
    others = table[~table.kode.isin(chosen)]

    def hover(rows: pd.DataFrame) -> list[str]:
        return [
            f"{n}<br>{fmt.value(float(x), spec.x_unit, spec.x_decimals, lang)} · "
            f"{fmt.value(float(y), spec.y_unit, spec.y_decimals, lang)}"
            for n, x, y in zip(rows.nama, rows.x, rows.y, strict=True)
        ]

    fig.add_trace(
        go.Scatter(
            x=[float(v) for v in others.x],
            y=[float(v) for v in others.y],
            mode="markers",
            name="",
            marker={"color": MUTED, "size": 9, "opacity": 0.8},
            customdata=hover(others),
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    colours = region_colours(table.kode.tolist(), chosen)
    rows = table.set_index("kode")
    for kode in chosen:
        one = rows.loc[[kode]].reset_index()
        fig.add_trace(
            go.Scatter(
                x=[float(one.x.iloc[0])],
                y=[float(one.y.iloc[0])],
                mode="markers+text",
                name=str(one.nama.iloc[0]),
                text=[str(one.nama.iloc[0])],
                textposition="top center",
                textfont={"color": colours[kode], "size": 14},
                marker={"color": colours[kode], "size": 15, "line": {"color": "white", "width": 1.5}},
                customdata=hover(one),
                hovertemplate="%{customdata}<extra></extra>",
                meta={"kode": kode, "highlight": True},
            )
        )
    fig.update_xaxes(_axis(spec.x_title, tickformat=",~f"))
    fig.update_yaxes(_axis(spec.y_title, tickformat=",~f"))
    fig.update_layout(showlegend=False)
    return fig
