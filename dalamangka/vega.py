"""Light charts: Vega-Lite spec dicts for Streamlit's built-in renderer (``st.vega_lite_chart``).

Measured on the phone profile (docs/benchmarks.md, "Renderer"): the same small line and bar
chart reach the screen sooner with Vega-Lite than with plotly and carry a quarter of the
JavaScript (plotly's chunk is 4.6 MB, 1.1 MB compressed; Vega's 0.76 MB, 0.23 MB), so line,
bar, strip and scatter charts use these builders; the choropleth maps stay plotly.

The builders take the same frames and ``charts.*Spec`` objects as the plotly builders in
:mod:`dalamangka.charts` and return plain dicts (JSON-safe: no NaN, missing is ``None``):

- no chart title (the view prints its own title and source line); axis titles only;
- numbers through ``config.locale`` (Vega's d3-format locale: ``2.435.252``, ``78,57``) on axes,
  and every tooltip/label text pre-formatted by :mod:`dalamangka.fmt` (field ``teks``);
- years as plain integers (``format: "d"``, never ``2.020``), ticks thinned by
  ``labelOverlap`` so a 390 px phone still reads them; the legend below the chart;
- missing years are ``None`` rows, drawn as breaks (``invalid: "break-paths-show-domains"``),
  never zeros;
- the chosen city in vermillion, thicker, drawn last; Okabe-Ito for the others, grey when many;
- ``projector=True``: the projector look of :mod:`dalamangka.projector` (22 px type, 4 px+ lines,
  big points), for slides.

Pure functions: no Streamlit here. Pages draw a spec with ``ui.draw_figure`` (``st.vega_lite_chart``
with Streamlit's own theme, which this config overrides where it matters: ink-coloured axes and
legends, the fonts, the palette).
"""

from __future__ import annotations

import math
import re
import statistics
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dalamangka import fmt, projector
from dalamangka.charts import (
    HIGHLIGHT,
    MEDIAN,
    MUTED,
    ScatterSpec,
    TrendSpec,
    ValueSpec,
    _value,
    region_colours,
)
from dalamangka.names import axis_labels

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # a name only: nothing is fetched
FONT = projector.FONT
DASHES: tuple[list[int], ...] = ([], [8, 4], [2, 3], [8, 3, 2, 3], [14, 4])
HEIGHT = 320
BAR_STEP = 22
MEDIAN_MARK = "╌╌"  # leads the median's label: the dashed rule it names
OTHERS = {"id": "{n} wilayah lain", "en": "{n} other regions"}  # one legend entry for the grey lines


def legend_entries(series: Sequence[str], colour_of: dict[str, str], n_other: int, lang: str) -> list[str]:
    """What the trend legend lists (OWID-like, short with 98 kota): each coloured series, the
    chosen city's first, then one grey entry "N wilayah lain" for all the grey lines."""
    coloured = [s for s in reversed(series) if colour_of[s] != MUTED]  # the chosen city is drawn last
    other = [OTHERS["en" if lang == "en" else "id"].format(n=n_other)] if n_other else []
    return [*coloured, *other]


def locale(lang: str = "id") -> dict[str, Any]:
    """Vega's number locale for the language: the separators :func:`fmt.separators` gives plotly."""
    marks = fmt.separators(lang)
    decimal, thousands = marks[0], marks[1]
    return {"number": {"decimal": decimal, "thousands": thousands, "grouping": [3], "currency": ["", ""]}}


def number_format(decimals: int) -> str:
    """d3-format string for axis labels: thousands grouped, ``decimals`` places trimmed (``~``)."""
    return f",.{max(decimals, 0)}~f"


def config(lang: str = "id", projected: bool = False) -> dict[str, Any]:
    """Fonts, palette, locale and the quiet grid shared by every chart (bigger on a projector)."""
    size = projector.BASE_FONT if projected else 13
    ink = projector.INK if projected else "#222222"
    return {
        "locale": locale(lang),
        "font": FONT,
        "background": "white",
        "view": {"stroke": None},
        "range": {"category": [HIGHLIGHT, *projector.OKABE_ITO[1:7]]},
        "axis": {
            "labelFontSize": size,
            "titleFontSize": size,
            "labelColor": ink,
            "titleColor": ink,
            "gridColor": projector.GRID if projected else "#E6E9ED",
            "domainColor": ink if projected else "#888888",
            "domainWidth": 2 if projected else 1,
            "tickColor": ink if projected else "#888888",
            "titleFontWeight": "normal",
            # Streamlit's theme makes every axis's end labels flush with its range: on a band axis
            # the first label then leaves its row or column (the heat map's "2010" covered "2011",
            # which Vega hid); each label sits at its own tick
            "labelFlush": False,
        },
        # a category axis (bars, heat-map rows, age groups) names every row: Vega hid every other
        # row label of the Kualitas heat map in the browser as overlapping. Year axes that thin
        # their labels say so themselves ("greedy")
        "axisBand": {"labelOverlap": False},
        "legend": {
            "orient": "bottom",
            "direction": "horizontal",
            "columns": 1,  # one entry per row: long series names never run off a 390 px phone
            "labelFontSize": size,
            "labelLimit": 0,
            # Streamlit's theme greys legends (#808495: 3.7:1 on white, under WCAG's 4.5:1); a
            # legend names the lines and classes, so it is read like the axes, in ink
            "labelColor": ink,
            "titleColor": ink,
            "title": None,
            "symbolStrokeWidth": 4 if projected else 2,
        },
        "text": {"fontSize": size, "font": FONT},
    }


def _spec(
    layers: list[dict[str, Any]], values: list[dict[str, Any]], lang: str, projected: bool, height: Any
) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "data": {"values": values},
        "height": height,
        "config": config(lang, projected),
        "layer": layers,
        "usermeta": {"embedOptions": {"renderer": "svg"}},
    }


def _clean(v: Any) -> float | None:
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) else f


def _year_axis(years: Sequence[int], projected: bool) -> dict[str, Any]:
    lo, hi = (min(years), max(years)) if years else (0, 1)
    span = max(hi - lo, 1)
    return {
        "field": "tahun",
        "type": "quantitative",
        "title": None,
        "scale": {"domain": [lo, hi], "nice": False, "zero": False, "padding": 12},
        "axis": {
            "format": "d",
            "tickMinStep": 1,
            "tickCount": min(span, 6 if projected else 5) + (span == 1),
            "labelOverlap": "greedy",
            "labelFlush": False,
            "labelSeparation": 6,
            "grid": False,
        },
    }


TITLE_WRAP = 36  # characters of a title line that fit a 390 px phone (Vega-Lite titles do not wrap)


_FIGURE_UNIT = re.compile(r"(\d) (%|jiwa|poin|points|people|km²|persen|percent)(?=\W|$)")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, never broken between a figure and its
    unit ("±25 %", "239.216 jiwa": a line ending in "±25" with "%" on the next reads as another
    number)."""
    glued = _FIGURE_UNIT.sub(lambda m: f"{m.group(1)}\u00a0{m.group(2)}", text)
    return [line.replace("\u00a0", " ") for line in textwrap.wrap(glued, width)]


def title_lines(text: str, width: int = TITLE_WRAP) -> str | list[str]:
    """A chart title wrapped into lines of ``width`` characters (one line stays a string): a
    title wider than a phone's chart would squash the plot under ``autosize: fit``."""
    lines = wrap(text, width)
    return lines if len(lines) > 1 else text


def trend(
    frame: pd.DataFrame, highlight: str, spec: TrendSpec, lang: str = "id", projected: bool = False
) -> dict[str, Any]:
    """Lines over the year grid of ``frame`` (kode, indicator, label, tahun, y, series_rank).

    Same input as :func:`charts.trend_figure`: one row per region, series and year of the grid,
    ``y`` NaN where the source has no figure (a gap, not a zero). The chosen region (``highlight``)
    is vermillion and thicker; with many regions the others are grey.
    """
    years = sorted({int(t) for t in frame.tahun}) if not frame.empty else []
    colours = region_colours(frame.kode.astype(str).tolist(), highlight) if not frame.empty else {}
    names = frame.nama if "nama" in frame else frame.label
    rows = []
    for kode, indicator, label, tahun, y, rank, nama in zip(
        frame.kode.astype(str),
        frame.indicator,
        frame.label,
        frame.tahun,
        frame.y,
        frame.series_rank,
        names,
        strict=True,
    ):
        value = _clean(y)
        rows.append(
            {
                "tahun": int(tahun),
                "nilai": value,
                "seri": str(label),
                "kode": kode,
                "indikator": str(indicator),
                "pilihan": kode == highlight,
                "urut": (kode == highlight, -int(rank)),
                "teks": f"{nama} · {int(tahun)}: {_value(value, spec.unit, spec.decimals, lang)}",
            }
        )
    # draw order: others first, the chosen region last (on top)
    rows.sort(key=lambda r: (r.pop("urut"), r["seri"], r["tahun"]))
    series = list(dict.fromkeys(r["seri"] for r in rows))
    colour_of = {r["seri"]: colours.get(r["kode"], MUTED) for r in rows}
    ranks = {str(lbl): int(rk) for lbl, rk in zip(frame.label, frame.series_rank, strict=True)}
    grey = {r["kode"] for r in rows if colour_of[r["seri"]] == MUTED}
    entries = legend_entries(series, colour_of, len(grey), lang)
    domain = [*series, *(e for e in entries if e not in colour_of)]  # + the grey entry, drawn by no row
    palette = [colour_of.get(s, MUTED) for s in domain]
    thick = projector.LINE_MIN + 1 if projected else 3.5
    thin = projector.LINE_MIN if projected else 1.6
    encoding: dict[str, Any] = {
        "x": _year_axis(years, projected),
        "y": {
            "field": "nilai",
            "type": "quantitative",
            "title": spec.y_title or None,
            "scale": {"zero": False},
            "axis": {"format": number_format(spec.decimals), "labelOverlap": True, "tickCount": 5},
        },
        "color": {
            "field": "seri",
            "type": "nominal",
            "scale": {"domain": domain, "range": palette},
            "sort": domain,
            "legend": {"symbolType": "stroke", "values": entries},
        },
        "strokeDash": {
            "field": "seri",
            "type": "nominal",
            "scale": {"domain": series, "range": [DASHES[ranks.get(s, 0) % len(DASHES)] for s in series]},
            "legend": None,
        },
        "strokeWidth": {"condition": {"test": "datum.pilihan", "value": thick}, "value": thin},
        "opacity": {"condition": {"test": "datum.pilihan", "value": 1}, "value": 0.8},
        "detail": {"field": "seri"},
        "order": {"field": "tahun", "type": "quantitative"},
        "tooltip": [{"field": "teks", "type": "nominal", "title": " "}],
    }
    points = {
        "mark": {"type": "point", "filled": True, "size": 200 if projected else 40},
        "encoding": {
            "x": {"field": "tahun", "type": "quantitative"},
            "y": {"field": "nilai", "type": "quantitative"},
            "color": {"field": "seri", "type": "nominal", "legend": None},
            "tooltip": [{"field": "teks", "type": "nominal", "title": " "}],
        },
        "transform": [{"filter": "isValid(datum.nilai)"}],
    }
    line = {"mark": {"type": "line", "invalid": "break-paths-show-domains"}, "encoding": encoding}
    return _spec([line, points], rows, lang, projected, 450 if projected else HEIGHT)


def _colour(kodes: Sequence[str], highlight: Sequence[str]) -> dict[str, str]:
    """The chosen regions' colours (the first vermillion, as in :mod:`charts`); others grey."""
    chosen = [k for k in highlight if k in set(kodes)]
    strong = region_colours(chosen, chosen) if chosen else {}
    return {k: strong.get(k, MUTED) for k in kodes}


# the colour is in the data (field "warna"), drawn as is
COLOUR = {"field": "warna", "type": "nominal", "scale": None, "legend": None}


def _value_rows(
    table: pd.DataFrame, highlight: Sequence[str], spec: ValueSpec, lang: str
) -> list[dict[str, Any]]:
    chosen = set(highlight)
    colours = _colour([str(k) for k in table.kode], highlight)
    return [
        {
            "kode": str(k),
            "nama": str(n),
            "nilai": _clean(v),
            "pilihan": str(k) in chosen,
            "warna": colours[str(k)],
            "teks": _value(_clean(v), spec.unit, spec.decimals, lang),
        }
        for k, n, v in zip(table.kode, table.nama, table.nilai, strict=True)
    ]


def _median_layers(
    median: float | None,
    axis: str,
    spec: ValueSpec,
    lang: str,
    projected: bool,
) -> list[dict[str, Any]]:
    """The median as a dashed rule, and its label above the plot's top-right corner, right-aligned
    and led by a dashed mark (like a legend entry): placed beside the rule, a long label ran past
    a 390 px phone's edge whichever side it went; from the plot's left edge it ran past the right
    edge when long bar names left the plot narrow. Right-aligned, a long label grows to the left,
    over the empty top of the name column."""
    if median is None:
        return []
    label = f"{MEDIAN_MARK} {spec.median_label}: {fmt.value(median, spec.unit, spec.decimals, lang)}"
    datum = {"datum": median, "type": "quantitative"}
    once: dict[str, Any] = {"values": [{}]}  # one mark, not one per row of the chart's data
    return [
        {
            "data": once,
            "mark": {
                "type": "rule",
                "color": MEDIAN,
                "strokeDash": [6, 4],
                "strokeWidth": 3 if projected else 1.5,
            },
            "encoding": {axis: datum},
        },
        {
            "data": once,
            "mark": {
                "type": "text",
                "align": "right",
                "dy": -4,
                "baseline": "bottom",
                "color": MEDIAN,
            },
            "encoding": {"x": {"value": {"expr": "width"}}, "y": {"value": 0}, "text": {"value": label}},
        },
    ]


def ranked_bars(
    table: pd.DataFrame,
    highlight: Sequence[str],
    median: float | None,
    spec: ValueSpec,
    lang: str = "id",
    projected: bool = False,
) -> dict[str, Any]:
    """Horizontal bars in the order of ``table`` (kode, nama, nilai; rank 1 first, on top).

    The chosen regions are vermillion and carry their value as a label; the others are grey.
    A region without a figure keeps its row with no bar (``None``, never a zero bar).
    """
    rows = _value_rows(table, highlight, spec, lang)
    # the axis names each bar by a short label, never two alike (axis_labels: Vega cut
    # "Kota Administrasi Jakarta Selatan" and its four neighbours to the same "Kota Administrasi
    # J…"); the tooltip keeps the whole name
    for r, label in zip(rows, axis_labels([r["nama"] for r in rows], [r["kode"] for r in rows]), strict=True):
        r["label"] = label
    order = [r["label"] for r in rows]
    x = {
        "field": "nilai",
        "type": "quantitative",
        "title": spec.x_title or None,
        "axis": {
            "format": number_format(spec.decimals),
            "labelOverlap": True,
            "tickCount": 4,
        },
    }
    y = {
        "field": "label",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelLimit": 0},  # the labels are short already: Vega cuts none
    }
    bars = {
        "mark": {"type": "bar", "invalid": "filter"},
        "encoding": {
            "x": x,
            "y": y,
            "color": COLOUR,
            "tooltip": [{"field": "nama", "title": " "}, {"field": "teks", "title": "  "}],
        },
    }
    labels = {
        "mark": {"type": "text", "align": "left", "dx": 4, "fontWeight": "bold"},
        "encoding": {
            "x": {"field": "nilai", "type": "quantitative"},
            "y": {"field": "label", "type": "nominal", "sort": order},
            "text": {"field": "teks"},
            "color": COLOUR,
        },
        "transform": [{"filter": "datum.pilihan && isValid(datum.nilai)"}],
    }
    step = BAR_STEP * (1.6 if projected else 1)
    return _spec(
        [bars, labels, *_median_layers(median, "x", spec, lang, projected)],
        rows,
        lang,
        projected,
        {"step": step},
    )


def strip(
    table: pd.DataFrame,
    highlight: Sequence[str],
    median: float | None,
    spec: ValueSpec,
    lang: str = "id",
    projected: bool = False,
) -> dict[str, Any]:
    """One dot per region on one axis (kode, nama, nilai); the chosen ones vermillion and named.

    Equal values are spread over five fixed lanes (by rank, not at random) so none hides another.
    """
    rows = [r for r in _value_rows(table, highlight, spec, lang) if r["nilai"] is not None]
    for i, r in enumerate(sorted(rows, key=lambda r: r["nilai"])):
        r["lajur"] = (i % 5) - 2
    # the chosen regions' names, one row each (in value order) above the dots, so two close
    # values never print one name over the other; a name in the right half ends at its dot
    step = (projector.BASE_FONT if projected else 13) + 4
    chosen = sorted((r for r in rows if r["pilihan"]), key=lambda r: r["nilai"])
    lo, hi = (min(r["nilai"] for r in rows), max(r["nilai"] for r in rows)) if rows else (0.0, 0.0)
    for r in rows:
        r["baris"], r["kanan"] = None, False
    for i, r in enumerate(chosen):
        r["baris"] = step // 2 + 2 + step * i
        r["kanan"] = hi > lo and (r["nilai"] - lo) / (hi - lo) > 0.5
    if median is None and rows:
        median = statistics.median(r["nilai"] for r in rows)
    x = {
        "field": "nilai",
        "type": "quantitative",
        "title": spec.x_title or None,
        "scale": {"zero": False},
        "axis": {"format": number_format(spec.decimals), "labelOverlap": True, "tickCount": 5},
    }
    label_px = step * len(chosen) + 4  # the names' rows at the top; the dots' lanes below them
    height = (200 if projected else 90) + label_px  # the plot's own height (autosize fit-x below)
    lanes_top = 3 + (6 * label_px / max(height - label_px, 1) if chosen else 0)
    lane = {"field": "lajur", "type": "quantitative", "axis": None, "scale": {"domain": [-3, lanes_top]}}
    dots = {
        "mark": {"type": "circle", "opacity": 0.85},
        "encoding": {
            "x": x,
            "y": lane,
            "color": COLOUR,
            "size": {
                "condition": {"test": "datum.pilihan", "value": 400 if projected else 140},
                "value": 160 if projected else 50,
            },
            "order": {"field": "pilihan", "type": "nominal"},
            "tooltip": [{"field": "nama", "title": " "}, {"field": "teks", "title": "  "}],
        },
    }

    def names(right: bool) -> dict[str, Any]:
        return {
            "mark": {
                "type": "text",
                "fontWeight": "bold",
                "align": "right" if right else "left",
                "dx": 6 if not right else -6,
                "baseline": "middle",
            },
            "encoding": {
                "x": {"field": "nilai", "type": "quantitative"},
                "y": {"field": "baris", "type": "quantitative", "scale": None},  # pixels
                "text": {"field": "nama"},
                "color": COLOUR,
            },
            "transform": [{"filter": f"datum.pilihan && {'' if right else '!'}datum.kanan"}],
        }

    ticks = {  # a short stroke from each name down to its dot's lanes
        "mark": {"type": "rule", "strokeWidth": 1},
        "encoding": {
            "x": {"field": "nilai", "type": "quantitative"},
            "y": {"field": "baris", "type": "quantitative", "scale": None},
            "y2": {"value": label_px},
            "color": COLOUR,
        },
        "transform": [{"filter": "datum.pilihan"}],
    }
    out = _spec(
        [dots, ticks, names(False), names(True), *_median_layers(median, "x", spec, lang, projected)],
        rows,
        lang,
        projected,
        height,
    )
    # fit the width only: with Streamlit's default "fit" the 2-3 title lines of a phone ate the
    # plot's height (about 55 px were left) and the name rows no longer fitted above the dots
    out["autosize"] = {"type": "fit-x", "contains": "padding"}
    return out


def scatter(
    table: pd.DataFrame,
    highlight: Sequence[str],
    spec: ScatterSpec,
    lang: str = "id",
    projected: bool = False,
) -> dict[str, Any]:
    """Regions by two indicators (kode, nama, x, y); the chosen ones vermillion and named.

    A region missing either figure is left out (it has no place on the plane), never put at zero.
    """
    chosen = set(highlight)
    colours = _colour([str(k) for k in table.kode], highlight)
    rows = []
    for k, n, xv, yv in zip(table.kode, table.nama, table.x, table.y, strict=True):
        x, y = _clean(xv), _clean(yv)
        if x is None or y is None:
            continue
        rows.append(
            {
                "kode": str(k),
                "nama": str(n),
                "x": x,
                "y": y,
                "pilihan": str(k) in chosen,
                "warna": colours[str(k)],
                "teks_x": _value(x, spec.x_unit, spec.x_decimals, lang),
                "teks_y": _value(y, spec.y_unit, spec.y_decimals, lang),
            }
        )

    def axis(field: str, title: str, decimals: int) -> dict[str, Any]:
        return {
            "field": field,
            "type": "quantitative",
            "title": title or None,
            "scale": {"zero": False},
            "axis": {"format": number_format(decimals), "labelOverlap": True, "tickCount": 5},
        }

    enc_x, enc_y = axis("x", spec.x_title, spec.x_decimals), axis("y", spec.y_title, spec.y_decimals)
    dots = {
        "mark": {"type": "circle", "opacity": 0.85},
        "encoding": {
            "x": enc_x,
            "y": enc_y,
            "color": COLOUR,
            "size": {
                "condition": {"test": "datum.pilihan", "value": 400 if projected else 140},
                "value": 160 if projected else 45,
            },
            "order": {"field": "pilihan", "type": "nominal"},
            "tooltip": [
                {"field": "nama", "title": " "},
                {"field": "teks_x", "title": spec.x_title or "x"},
                {"field": "teks_y", "title": spec.y_title or "y"},
            ],
        },
    }
    names = {
        "mark": {"type": "text", "dy": -14, "fontWeight": "bold"},
        "encoding": {
            "x": {"field": "x", "type": "quantitative"},
            "y": {"field": "y", "type": "quantitative"},
            "text": {"field": "nama"},
            "color": COLOUR,
        },
        "transform": [{"filter": "datum.pilihan"}],
    }
    return _spec([dots, names], rows, lang, projected, 450 if projected else HEIGHT)
