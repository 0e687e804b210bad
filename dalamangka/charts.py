"""Shared plotly builders for the Tren and Bandingkan pages: pure functions, DataFrame in, figure out.

One look for every chart: Indonesian separators (``layout.separators``), the chosen city in a
strong colour, other regions muted, a colour-blind-safe palette (Okabe-Ito), years written
without thousands marks, and gaps where a year has no figure (``connectgaps=False``).
Hover text is formatted by :mod:`dalamangka.fmt` before it reaches plotly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
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
        "height": height + 22 * subtitle.count("<br>"),
        "margin": {
            "l": 70,
            "r": 20,
            "t": 64 + (26 + 22 * subtitle.count("<br>") if subtitle else 0),
            "b": 50,
        },
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT, "size": 14}},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    }


def join_lines(parts: Sequence[str], width: int = 90) -> str:
    """Join subtitle parts with " · ", starting a new line (``<br>``) before one would pass
    ``width`` characters: plotly does not wrap titles, and a projector cuts long lines."""
    lines: list[str] = []
    for part in (p for p in parts if p):
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "<br>".join(lines)


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


@lru_cache(maxsize=32768)
def _value(value: float | None, unit: str, decimals: int, lang: str) -> str:
    """fmt.value, remembered: a 98-city chart formats the same figures on every rerun."""
    return fmt.value(value, unit, decimals, lang)


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain trace dicts without plotly's per-property validation (which costs
    ~3 ms per trace; a 98-city chart would blow the rerun budget). The tests validate the
    builders' output once with ``go.Figure(fig.to_dict())``."""
    return go.Figure(data=traces, layout=layout, _validate=False)


def _median_line(x: float) -> dict[str, Any]:
    return {
        "type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
        "line": {"color": MEDIAN, "dash": "dash", "width": 1.5},
    }  # fmt: skip


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
    others_label: str = "{n}"  # legend name of the grey lines when there are many, "{n}" = how many


def trend_figure(frame: pd.DataFrame, highlight: str, spec: TrendSpec, lang: str) -> go.Figure:
    """One line per (region, series) over a full year grid; missing years stay None (gaps).

    ``frame`` has columns kode, indicator, label, tahun, y (one row per year of the grid,
    y NaN where the source has no figure) and ``series_rank`` (0 = the chosen indicator).
    The chosen region is drawn last, thick and in the highlight colour.
    """
    if frame.empty:
        return _figure([], base_layout(lang, spec.title, spec.subtitle))
    colours = region_colours(frame.kode.tolist(), highlight)
    traces: list[dict[str, Any]] = []
    years = sorted(int(y) for y in frame.tahun.unique())
    tahun = frame.tahun.to_numpy()
    ys = frame.y.to_numpy(dtype=float)
    groups: dict[tuple[str, str], np.ndarray[Any, Any]] = {
        (str(k[0]), str(k[1])): np.asarray(v)  # type: ignore[index]
        for k, v in frame.groupby(["indicator", "kode"], sort=False).indices.items()
    }
    ranks = frame.series_rank.to_numpy()
    labels = frame.label.to_numpy()
    keys = sorted(groups, key=lambda k: (k[1] == highlight, -int(ranks[groups[k][0]])))
    names = frame.nama.to_numpy() if "nama" in frame else labels
    if colours and MUTED in colours.values():
        # Many regions: the grey ones become one trace per series (regions separated by a
        # None point, so nothing is joined), which keeps the legend readable and the chart light.
        muted = [k for k in keys if colours[str(k[1])] == MUTED]
        keys = [k for k in keys if colours[str(k[1])] != MUTED]
        for rank in sorted({int(ranks[groups[k][0]]) for k in muted}, reverse=True):
            members = [k for k in muted if int(ranks[groups[k][0]]) == rank]
            x: list[int | None] = []
            y: list[float | None] = []
            text: list[str] = []
            for k in members:
                pos = groups[k]
                pos = pos[np.argsort(tahun[pos], kind="stable")]
                for t, v in zip(tahun[pos], ys[pos], strict=True):
                    value = None if math.isnan(v) else float(v)
                    x.append(int(t))
                    y.append(value)
                    text.append(f"{names[pos[0]]}: {_value(value, spec.unit, spec.decimals, lang)}")
                x.append(None)
                y.append(None)
                text.append("")
            indicator = members[0][0]
            series = str(labels[groups[members[0]][0]]).split(" · ", 1)
            label = spec.others_label.format(n=len(members)) + (f" · {series[1]}" if len(series) > 1 else "")
            traces.append(
                {
                    "type": "scatter",
                    "x": x,
                    "y": y,
                    "name": label,
                    "mode": "lines+markers",
                    "connectgaps": False,
                    "customdata": text,
                    "hovertemplate": "%{customdata}<br>%{x}<extra></extra>",
                    "line": {"color": MUTED, "width": 1.2, "dash": DASHES[rank % 5]},
                    "marker": {"size": 4, "symbol": SYMBOLS[rank % 5]},
                    "opacity": 0.6,
                    "meta": {
                        "kodes": [str(k[1]) for k in members],
                        "indicator": str(indicator),
                        "highlight": False,
                    },
                }
            )
    for indicator, kode in keys:
        pos = groups[(indicator, kode)]
        pos = pos[np.argsort(tahun[pos], kind="stable")]
        rank = int(ranks[pos[0]])
        chosen = kode == highlight
        values = [None if math.isnan(v) else float(v) for v in ys[pos]]
        texts = [_value(v, spec.unit, spec.decimals, lang) for v in values]
        traces.append(
            {
                "type": "scatter",
                "x": [int(t) for t in tahun[pos]],
                "y": values,
                "name": str(labels[pos[0]]),
                "mode": "lines+markers",
                "connectgaps": False,
                "customdata": texts,
                "hovertemplate": "%{fullData.name}<br>%{x}: %{customdata}<extra></extra>",
                "line": {
                    "color": colours[str(kode)],
                    "width": 4 if chosen else 1.8,
                    "dash": DASHES[rank % 5],
                },
                "marker": {"size": 9 if chosen else 6, "symbol": SYMBOLS[rank % 5]},
                "opacity": 1.0 if chosen else 0.75,
                "meta": {"kode": str(kode), "indicator": str(indicator), "highlight": chosen},
            }
        )
    layout = base_layout(lang, spec.title, spec.subtitle)
    xaxis = _axis("", tickformat="d", range=[years[0] - 0.4, years[-1] + 0.4])
    if len(years) <= 16:
        xaxis["dtick"] = 1
    layout.update(
        xaxis=xaxis, yaxis=_axis(spec.y_title, tickformat=",~f"), showlegend=True, hovermode="closest"
    )
    return _figure(traces, layout)


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
    layout = base_layout(lang, spec.title, spec.subtitle, height=height)
    if table.empty:
        return _figure([], layout)
    colours = region_colours(table.kode.tolist(), highlight)
    chosen = set(highlight)
    bar_colours = [colours[k] if k in chosen else MUTED for k in table.kode]
    values = [float(v) for v in table.nilai]
    bar = {
        "type": "bar",
        "x": values,
        "y": list(table.nama),
        "orientation": "h",
        "marker": {"color": bar_colours},
        "text": [_value(v, spec.unit, spec.decimals, lang) for v in values],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        "meta": {"kodes": list(table.kode)},
    }
    layout.update(
        xaxis=_axis(spec.x_title, tickformat=",~f"),
        yaxis={"autorange": "reversed", "tickfont": {"size": 14}, "automargin": True},
        showlegend=False,
    )
    layout["margin"]["r"] = 90
    if median is not None:
        layout["margin"]["t"] += 26  # room for the median's label above the bars
        label = f"{spec.median_label}: {fmt.value(median, spec.unit, spec.decimals, lang)}"
        layout["shapes"] = [_median_line(median)]
        layout["annotations"] = [
            {"x": median, "y": 1.0, "yref": "paper", "yanchor": "bottom", "showarrow": False, "text": label}
        ]
    return _figure([bar], layout)


def strip_figure(
    table: pd.DataFrame, highlight: Sequence[str], median: float | None, spec: ValueSpec, lang: str
) -> go.Figure:
    """One dot per region (kode, nama, nilai) on one axis, the chosen ones labelled, median marked."""
    layout = base_layout(lang, spec.title, spec.subtitle, height=260)
    if table.empty:
        return _figure([], layout)
    chosen = [k for k in highlight if k in set(table.kode)]
    # A fixed, repeatable vertical spread (not random) so equal values do not hide each other.
    order = table.nilai.rank(method="first").astype(int)
    offsets = [((int(i) % 5) - 2) * 0.12 for i in order]
    texts = [_value(float(v), spec.unit, spec.decimals, lang) for v in table.nilai]
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": [float(v) for v in table.nilai],
            "y": offsets,
            "mode": "markers",
            "marker": {"color": MUTED, "size": 9, "opacity": 0.8},
            "customdata": texts,
            "text": list(table.nama),
            "hovertemplate": "%{text}: %{customdata}<extra></extra>",
            "name": "",
        }
    ]
    colours = region_colours(table.kode.tolist(), chosen)
    rows = table.set_index("kode")
    for kode in chosen:
        v = float(rows.nilai.loc[kode])
        name = str(rows.nama.loc[kode])
        traces.append(
            {
                "type": "scatter",
                "x": [v],
                "y": [0],
                "mode": "markers",
                "name": name,
                "marker": {"color": colours[kode], "size": 16, "line": {"color": "white", "width": 1.5}},
                "hovertemplate": f"{name}: {fmt.value(v, spec.unit, spec.decimals, lang)}<extra></extra>",
                "meta": {"kode": kode, "highlight": True},
            }
        )
    annotations: list[dict[str, Any]] = [
        {
            "x": float(rows.nilai.loc[kode]),
            "y": 0,
            "text": str(rows.nama.loc[kode]),
            "showarrow": True,
            "arrowhead": 0,
            "ax": 0,
            "ay": -40 - 22 * (i % 3),
            "font": {"color": colours[kode], "size": 14},
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        for i, kode in enumerate(chosen)
    ]
    if median is not None:
        label = f"{spec.median_label}: {fmt.value(median, spec.unit, spec.decimals, lang)}"
        layout["shapes"] = [_median_line(median)]
        annotations.append(
            {
                "x": median,
                "y": 0.45,
                "yanchor": "bottom",
                "xanchor": "left",
                "showarrow": False,
                "text": label,
            }
        )
    layout.update(
        xaxis=_axis(spec.x_title, tickformat=",~f"),
        yaxis={"visible": False, "range": [-0.5, 0.7]},
        showlegend=False,
        annotations=annotations,
    )
    layout["margin"]["b"] = 40
    return _figure(traces, layout)


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
    layout = base_layout(lang, spec.title, spec.subtitle, height=520)
    if table.empty:
        return _figure([], layout)
    chosen = [k for k in highlight if k in set(table.kode)]
    others = table[~table.kode.isin(chosen)]

    def hover(rows: pd.DataFrame) -> list[str]:
        return [
            f"{n}<br>{_value(float(x), spec.x_unit, spec.x_decimals, lang)} · "
            f"{_value(float(y), spec.y_unit, spec.y_decimals, lang)}"
            for n, x, y in zip(rows.nama, rows.x, rows.y, strict=True)
        ]

    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": [float(v) for v in others.x],
            "y": [float(v) for v in others.y],
            "mode": "markers",
            "name": "",
            "marker": {"color": MUTED, "size": 9, "opacity": 0.8},
            "customdata": hover(others),
            "hovertemplate": "%{customdata}<extra></extra>",
        }
    ]
    colours = region_colours(table.kode.tolist(), chosen)
    rows = table.set_index("kode")
    for kode in chosen:
        one = rows.loc[[kode]].reset_index()
        name = str(one.nama.iloc[0])
        traces.append(
            {
                "type": "scatter",
                "x": [float(one.x.iloc[0])],
                "y": [float(one.y.iloc[0])],
                "mode": "markers+text",
                "name": name,
                "text": [name],
                "textposition": "top center",
                "cliponaxis": False,
                "textfont": {"color": colours[kode], "size": 14},
                "marker": {"color": colours[kode], "size": 15, "line": {"color": "white", "width": 1.5}},
                "customdata": hover(one),
                "hovertemplate": "%{customdata}<extra></extra>",
                "meta": {"kode": kode, "highlight": True},
            }
        )
    layout.update(
        xaxis=_axis(spec.x_title, tickformat=",~f"),
        yaxis=_axis(spec.y_title, tickformat=",~f"),
        showlegend=False,
    )
    return _figure(traces, layout)


# --- Age structure (issue 12) ------------------------------------------------------------------


def age_label(lower: int, upper: float | None) -> str:
    """``"0–4"``, ``"75+"`` (an open-ended last group has no upper bound)."""
    if upper is None or pd.isna(upper):
        return f"{int(lower)}+"
    return f"{int(lower)}–{int(upper)}"
