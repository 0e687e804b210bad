"""Tren view: how an indicator moved for the chosen city and the regions it is compared with."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dalamangka import answers, charts, config, fmt, groups, state, timeline, trends, vega
from dalamangka.i18n import Text
from dalamangka.state import Common
from dalamangka.trends import TEXT as T
from dalamangka.views import Fetch, View, bad_value, comparison

M = Text(
    {
        "up": (
            "{short} {name} naik dari {first} ({y0}) menjadi {last} ({y1}).",
            "{short} of {name} rose from {first} ({y0}) to {last} ({y1}).",
        ),
        "down": (
            "{short} {name} turun dari {first} ({y0}) menjadi {last} ({y1}).",
            "{short} of {name} fell from {first} ({y0}) to {last} ({y1}).",
        ),
        "flat": (
            "{short} {name} tetap {last} dari {y0} sampai {y1}.",
            "{short} of {name} stayed at {last} from {y0} to {y1}.",
        ),
        "title_group": ("{short}: {name} dan {group}", "{short}: {name} and {group}"),
        "title_lima": (
            "{short}: {name} dan kota percontohan lain",
            "{short}: {name} and the other pilot cities",
        ),
    }
)


def message(
    grid: pd.DataFrame, kode: str, indicator: str, short: str, name: str, unit: str, dec: int, lang: str
) -> str:
    """The city's first and last figure of the chosen series, as one sentence ("" without two)."""
    own = grid[(grid.kode == kode) & (grid.indicator == indicator) & grid.nilai.notna()].sort_values("tahun")
    if len(own) < 2:
        return ""
    first, last = own.iloc[0], own.iloc[-1]
    v0, v1 = float(first.nilai), float(last.nilai)
    key = "up" if v1 > v0 else "down" if v1 < v0 else "flat"
    return M(key, lang, short=short, name=name, y0=int(first.tahun), y1=int(last.tahun),
             first=fmt.value(v0, unit, dec, lang), last=fmt.value(v1, unit, dec, lang))  # fmt: skip


def figure(
    data: pd.DataFrame, kode: str, spec: charts.TrendSpec, lang: str, projected: bool = False
) -> dict[str, Any]:
    """The trend chart as a Vega-Lite spec (light on a phone; issue 14), titled like the plotly
    chart was; the subtitle (series and sources) is a note under the chart."""
    out = vega.trend(data, kode, spec, lang, projected=projected)
    out["title"] = {"text": vega.title_lines(spec.title), "anchor": "start", "limit": 0}  # wraps on a phone
    # the legend (one row per series) sits inside the chart's height: grow the height with it so
    # the plot keeps its own height (a 7-line legend left ~60 px of plot at 320 px)
    rows = len(out["layer"][0]["encoding"]["color"]["legend"]["values"])  # legend entries, not lines
    if not projected and isinstance(out.get("height"), int | float):  # a slide keeps its 720 px
        out["height"] = int(out["height"]) + 18 * min(rows, 12)
    return out


def build(common: Common, s: state.Tren, fetch: Fetch) -> View:
    lang, kode = common.lang, common.kota
    catalog = fetch("trend_indicators")
    regions = fetch("region_pickable")
    sources = fetch("source_catalog")
    names = {str(k): str(n) for k, n in zip(regions.kode, regions.nama, strict=True)}
    nama = names.get(kode, kode)
    labels = {str(r["code"]): trends.indicator_label({str(k): x for k, x in r.items()}, lang)
              for r in catalog.to_dict("records")}  # fmt: skip
    codes = list(labels)
    v = View("tren", common, s, heading=T("title", lang, name=nama))
    v.labels = {"ind": labels, "wilayah": names}
    v.options = {"ind": codes, "grup": groups.kinds(), "pita": list(config.SIMILAR_POPULATION_BANDS),
                 "daftar": groups.pick_options(regions), "mode": list(trends.MODES),
                 "wilayah": regions.kode.tolist()}  # fmt: skip
    if not codes:
        v.empty = T("no_indicators", lang)
        return v
    indicator = codes[trends.default_index(codes)]
    if s.ind in labels:
        indicator = s.ind
    elif s.ind is not None:
        v.notices.append(bad_value("ind", s.ind, labels[indicator], lang))
    # the comparison group (views.comparison, as on Bandingkan): ``grup=``, or an old link's ``set``
    # read once (the URL is then rewritten); the regions added by hand come after its members
    resolved = comparison.resolve(s.grup or comparison.legacy(s.set), kode, regions, labels, fetch, lang)
    group = resolved.group
    v.notices += [n for n in (resolved.notice, group.problem) if n]
    kodes = [k for k in dict.fromkeys([kode, *group.kodes, *s.wilayah]) if k in names]
    meta = catalog.set_index("code").loc[indicator]
    unit, decimals = str(meta.unit_id), int(str(meta.decimals))
    v.title = (
        M("title_lima", lang, short=labels[indicator], name=nama)
        if resolved.choice.kind == "lima"
        else f"{labels[indicator]} · {nama}"
        if len(group.kodes) < 2
        else M("title_group", lang, short=labels[indicator], name=nama, group=group.title)
    )
    if group.description:
        v.notes.append(group.description)
    v.state = state.replace(s, ind=indicator, grup=resolved.grup, set="lima")
    rows = fetch("trend_series", indicator=indicator, kodes=kodes)
    v.extra = {"catalog": catalog, "regions": regions, "sources": sources, "names": names, "rows": rows,
               "kodes": kodes, "indicator": indicator, "meta": meta, "unit": unit,
               "decimals": decimals, "choice": resolved.choice}  # fmt: skip
    if rows.empty:
        v.empty = T("no_data", lang, indicator=labels[indicator])
        return v
    # the chosen city with every series of the concept (each its own line, never spliced); the
    # regions it is compared with in the chosen series only: population's 6 series x 5 cities made
    # 30 lines whose legend left the plot ~20 px tall (the "full" download keeps every row)
    drawn = rows[(rows.kode == kode) | (rows.indicator == indicator)]
    grid = trends.frame(drawn, indicator, lang)
    all_years = sorted(int(y) for y in grid.tahun[grid.nilai.notna()].unique())
    v.options["rentang"] = all_years
    span = timeline.year_range(s.rentang or None, all_years, lang)
    if span.notice:
        v.notices.append(span.notice)
    narrowed = (span.first, span.last) != (all_years[0], all_years[-1])
    v.state = state.replace(v.state, rentang=span.encode() if narrowed else "")
    if narrowed:  # the chart, table and "shown" download cover the range; "full" stays whole
        grid = grid[grid.tahun.between(span.first, span.last)].reset_index(drop=True)
    v.extra["range"] = (span.first, span.last)
    years = sorted(int(y) for y in grid.tahun[grid.nilai.notna()].unique())
    v.options["dasar"] = years
    base = None
    if s.mode == "indeks":
        base = s.dasar if s.dasar in years else years[0]
        if s.dasar is not None and s.dasar not in years:
            v.notices.append(bad_value("dasar", s.dasar, str(base), lang))
    v.state = state.replace(v.state, dasar=base)
    data = trends.transform(grid, s.mode, unit, base)
    name = str(meta["name_en" if lang == "en" else "name_id"])
    title = trends.chart_title(name, labels[indicator], grid, lang)
    spec = trends.chart_spec(title, grid, s.mode, unit, decimals, base, lang)
    if data.y.notna().any():
        v.make_figure = lambda: figure(data, kode, spec, lang)
        v.extra["projected_figure"] = lambda: figure(data, kode, spec, lang, projected=True)
        v.fingerprint = f"tren|{kode}|{indicator}|{s.mode}|{base}|{','.join(kodes)}|{span.encode()}|{lang}"
    else:
        empty = T("no_base", lang, year=base, items=", ".join(trends.missing_base(grid, base or 0)))
        v.empty = T("no_change", lang) if s.mode == "perubahan" else empty
    if without := [names[k] for k in kodes if k not in set(drawn.kode) and k in names]:
        v.notes.append(T("no_data_regions", lang, indicator=labels[indicator], items=", ".join(without)))
    if v.make_figure is not None and base is not None and (lost := trends.missing_base(grid, base)):
        v.notes.append(T("no_base", lang, year=base, items=", ".join(lost)))
    if v.make_figure is not None and spec.subtitle:
        v.notes.insert(0, spec.subtitle.replace("<br>", " · "))
    if note := trends.break_note(drawn, str(meta.concept), lang):
        v.infos.append(note)
    v.source = trends.citation(trends.source_ids(grid), sources, lang, trends.source_years(grid))
    v.message = message(grid, kode, indicator, labels[indicator], nama, unit, decimals, lang)
    v.extra.update(grid=grid, years=years, base=base)
    ranked = grid[(grid.indicator == indicator) & grid.nilai.notna()]
    peers = set(ranked.kode) & set(group.kodes)
    if len(peers) > 1 and kode in peers:
        # how the city moved against its group (rank at the start and the end); made when drawn
        # and memoised by the page on the view's fingerprint (it builds a wide table)
        hib_raw = meta.get("higher_is_better")
        hib = None if hib_raw is None or pd.isna(hib_raw) else bool(hib_raw)
        in_group = grid[grid.kode.isin(group.kodes)]
        span_years = (span.first, span.last)

        def moved() -> str:
            ans = answers.moved_against(in_group, kode, nama, indicator, labels[indicator], unit, decimals,
                                        hib, group.title, lang, span_years)  # fmt: skip
            return ans.sentence

        v.extra["moved"] = moved
    return v
