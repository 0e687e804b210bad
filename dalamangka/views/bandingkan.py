"""Bandingkan view: where the chosen city stands among other regions in one year (the bar chart)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dalamangka import answers, charts, compare, config, fmt, groups, maps, state, tables, trends, vega
from dalamangka.compare import TEXT as T
from dalamangka.i18n import Text
from dalamangka.state import Common
from dalamangka.views import Fetch, View, bad_value, comparison, peta

M = Text(
    {
        "title_lima": (
            "{short} {year}: {name} di antara 5 kota percontohan",
            "{short} {year}: {name} among the 5 pilot cities",
        ),
        "title_map": ("{short} {year} di peta: {group}", "{short} {year} on the map: {group}"),
        "no_map": (
            "{short} {year} tidak dipetakan: angka ini ada untuk terlalu sedikit kab/kota yang punya "
            "batas wilayah di peta.",
            "{short} {year} is not mapped: too few regencies/cities with a boundary have this figure.",
        ),
        "message": (
            "{name} peringkat {rank} dari {n} wilayah yang punya data ({order}): {value}.",
            "{name} ranks {rank} of the {n} regions with data ({order}): {value}.",
        ),
    }
)


SUB_WRAP = 50  # characters per subtitle line that fit a 390 px phone


def titled(spec: dict[str, Any], text: charts.ValueSpec | charts.ScatterSpec) -> dict[str, Any]:
    """The Vega-Lite spec with the chart's title and subtitle lines (what the plotly chart had)."""
    # wrapped, not cut with "…" on a 390 px phone (Vega-Lite titles do not wrap by themselves)
    lines = [part for line in text.subtitle.split("<br>") if line for part in vega.wrap(line, SUB_WRAP)]
    return spec | {
        "title": {
            "text": vega.title_lines(text.title),
            "subtitle": lines,
            "anchor": "start",
            "limit": 0,
            "subtitleLimit": 0,
        }
    }


def legacy_group(s: state.Bandingkan) -> str:
    """The ``grup`` value an old link's ``set``/``pita``/``daftar`` meant ("" = the default group)."""
    return comparison.legacy(s.set, s.pita, s.daftar)


def build(common: Common, s: state.Bandingkan, fetch: Fetch) -> View:
    lang, kode = common.lang, common.kota
    catalog = fetch("trend_indicators")
    catalog = catalog[catalog.n_kota > 0]
    regions = fetch("region_pickable")
    sources = fetch("source_catalog")
    kabkota = regions[regions.level.isin(["kota", "kabupaten"])]
    names = {str(k): str(n) for k, n in zip(regions.kode, regions.nama, strict=True)}
    nama = names.get(kode, kode)
    level = str(regions.set_index("kode").level.get(kode, "kota"))
    short = "short_en" if lang == "en" else "short_id"
    labels = {str(r["code"]): str(r[short]) for r in catalog.to_dict("records")}
    codes = list(labels)
    v = View("bandingkan", common, s, heading=T("title", lang, name=nama))
    v.labels = {"ind": labels, "region": names}
    v.options = {"ind": codes, "grup": groups.kinds(), "pita": list(config.SIMILAR_POPULATION_BANDS),
                 "region": groups.pick_options(regions)}  # fmt: skip
    v.options["daftar"] = v.options["region"]  # the custom list's picker (ui.group_picker)
    if not codes:
        v.empty = trends.TEXT("no_indicators", lang)
        return v
    indicator = codes[trends.default_index(codes)]
    if s.ind in labels:
        indicator = s.ind
    elif s.ind is not None:
        v.notices.append(bad_value("ind", s.ind, labels[indicator], lang))
    kabkota_codes = set(kabkota.kode)
    sorot = tuple(k for k in s.sorot if k in kabkota_codes)
    if dropped := [names.get(k, k) for k in s.sorot if k not in sorot]:
        items = ", ".join(state.quote(d) for d in dropped)
        v.notices.append(state.TEXT("bad_regions", lang, param="sorot", items=items))
    # the comparison group (views.comparison, as on Tren); an old set/pita/daftar link is read once
    resolved = comparison.resolve(s.grup or legacy_group(s), kode, regions, labels, fetch, lang)
    if resolved.notice:
        v.notices.append(resolved.notice)
    choice, grup = resolved.choice, resolved.grup
    years = fetch("compare_years", indicator=indicator)
    v.options["tahun"] = sorted((int(y) for y in years.tahun), reverse=True)
    year = compare.default_year(years)
    if s.tahun in v.options["tahun"]:
        year = s.tahun
    elif s.tahun is not None:
        v.notices.append(bad_value("tahun", s.tahun, str(year) if year else "—", lang))
    v.state = state.replace(s, ind=indicator, tahun=year, sorot=sorot, grup=grup, set="lima",
                            pita=config.SIMILAR_POPULATION_BAND, daftar=())  # fmt: skip
    v.extra = {"catalog": catalog, "regions": regions, "sources": sources, "names": names, "labels": labels,
               "indicator": indicator, "kabkota": kabkota, "choice": choice}  # fmt: skip
    if year is None:
        v.empty = T("no_year", lang)
        return v
    meta = catalog.set_index("code").loc[indicator]
    assert not isinstance(meta, pd.DataFrame)  # indicator codes are unique
    view = compare.View.of(meta, int(year), level, lang)
    values = fetch("compare_values", indicator=indicator, tahun=year)
    group, pop_year = resolved.group.as_compare_group(), resolved.population_year
    highlight = list(dict.fromkeys([kode, *sorot]))
    v.title = (
        M("title_lima", lang, short=labels[indicator], year=year, name=nama)
        if choice.kind == "lima"
        else f"{labels[indicator]} {year} · {nama}"
    )
    v.extra.update(view=view, values=values, group=group, highlight=highlight, meta=meta, year=year)
    if group.problem:
        v.empty = str(group.problem)
        v.extra["problem"] = True
        return v
    rows = compare.ranked(values, group.kodes, view.higher_is_better)
    v.extra["rows"] = rows
    if rows.empty:
        v.empty = T("no_members", lang, indicator=labels[indicator], year=year)
    else:
        answer, _ = answers.rank_among(values, group.kodes, kode, view, nama)
        cut = tables.top_bottom(answer.table.drop(columns="dipilih"), highlight, full=s.semua)
        shown = rows.set_index("kode").loc[cut.rows.kode].reset_index()  # rank order, cut
        # each bar says its rank ("61. Kota Pekalongan"): with top/bottom N cut, the chosen city
        # under the 10th bar is not 11th
        ranked_names = [f"{int(p)}. {n}" for p, n in zip(shown.peringkat, shown.nama, strict=True)]
        v.extra.update(answer=answer, short=cut, shown=shown)
        spec = view.bar_spec(rows, group, pop_year)
        median = compare.median(rows.nilai)
        bars = shown.assign(nama=ranked_names)
        v.make_figure = lambda: titled(vega.ranked_bars(bars, highlight, median, spec, lang), spec)
        members, marked = ",".join(group.kodes), ",".join(sorot)
        v.fingerprint = f"bandingkan|{kode}|{indicator}|{year}|{grup}|{members}|{s.semua}|{marked}|{lang}"
        if summary := cut.summary([names.get(k, k) for k in highlight], lang):
            v.notes.append(summary)
        me = rows[rows.kode == kode]
        if len(me):
            hib = view.higher_is_better
            order = compare.order_text(hib, lang)
            value = fmt.value(float(me.nilai.iloc[0]), view.unit, view.decimals, lang)
            v.message = M("message", lang, name=nama, rank=fmt.ordinal(int(me.peringkat.iloc[0]), lang),
                          n=len(rows), order=order, value=value)  # fmt: skip
    if missing := compare.missing_members(values, group.kodes, regions):
        v.notes.append(T("missing_members", lang, year=year, items=", ".join(missing)))
    v.source = trends.citation(rows.source_id.tolist() or ["-"], sources, lang, int(year))
    return v


def group_map(
    v: View, fetch: Fetch, shapes: peta.Shapes | None = None, memo: peta.Memo | None = None
) -> View | None:
    """The Peta tab: the group's figures of the chosen year on the national kab/kota map (the
    Peta page's national view, the other regions drawn as outside the group, never with a
    figure); classes and ranks are the group's. None when this indicator and year are not on
    the map (too few kab/kota with a boundary have a figure)."""
    s = v.state
    if "rows" not in v.extra or s.tahun is None:
        return None
    members = list(dict.fromkeys(v.extra["group"].kodes))
    ask = state.Peta(tampilan="nasional", ind=s.ind, tahun=s.tahun)
    shown = peta.build(v.common, ask, fetch, shapes=shapes, memo=memo, members=members)
    if shown.make_figure is None or (shown.state.ind, shown.state.tahun) != (s.ind, s.tahun):
        return None
    lang = v.common.lang
    shown.title = M(
        "title_map", lang, short=v.extra["labels"][s.ind], year=s.tahun, group=v.extra["group"].description
    )
    shown.infos = []  # Peta's own notes (kecamatan boundaries of a kabupaten) are not about the group
    shown.notices = []
    shown.warnings = []  # members without a figure are listed beside the map (ui.ranked_list)
    return shown


def map_ranking(shown: View, answer: answers.Answer, chosen: list[str]) -> answers.Answer:
    """The ranked list beside the group's map: its members only (ranks of the measure drawn, the
    bars' ranks), ``chosen`` in bold, with the chosen city's rank sentence."""
    mv = shown.extra["mv"]
    ranked = maps.ranked_regions(mv, chosen)
    inside = ranked[~ranked.kode.astype(str).isin(mv.outside)].reset_index(drop=True)
    return answers.Answer(inside, answer.sentence)
