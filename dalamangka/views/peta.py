"""Peta view: the city's kecamatan choropleth, or the national kab/kota map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from dalamangka import fmt, geo, maps, state, tables, timeline, trends, vegamap
from dalamangka.i18n import Text
from dalamangka.state import Common
from dalamangka.views import Fetch, View, bad_value

T = Text(
    {
        "title": ("Peta {name}", "Map of {name}"),
        "t_kec": ("{short} per kecamatan: {name}", "{short} by kecamatan: {name}"),
        "t_nas": ("{short} {year}: kab/kota se-Indonesia", "{short} {year}: all regencies/cities"),
        "m_nas": (
            "{short} {year} di {n} wilayah berangka: dari {lo} ({lo_name}) sampai {hi} ({hi_name}).",
            "{short} {year} across {n} regions with a figure: from {lo} ({lo_name}) to {hi} ({hi_name}).",
        ),
        "m_kec": (
            "Dari {n} kecamatan yang punya angka, {short} terbesar ada di Kecamatan {kec}: {value}.",
            "Of the {n} kecamatan with a figure, the largest {short} is in {kec}: {value}.",
        ),
        "no_kecamatan": (
            "Data batas kecamatan tersedia untuk kota saja; {name} tidak termasuk. Klik sebuah kota di "
            "peta nasional untuk memilihnya.",
            "Kecamatan boundaries are available for cities only; {name} is not one. Click a city on the "
            "national map to choose it.",
        ),
        "no_indicator": (
            "Gudang data belum punya angka tingkat kecamatan untuk {name}. Peta tidak menampilkan angka "
            "yang tidak ada.",
            "The warehouse has no kecamatan-level figures for {name} yet. "
            "The map shows no figure it does not have.",
        ),
    }
)

Shapes = Callable[..., dict[str, Any]]
Memo = Callable[[tuple[Any, ...], Callable[[], Any]], Any]


def shapes_from(fetch: Fetch) -> Shapes:
    """GeoJSON of a shape query, made from ``fetch`` (the page passes its cached ``ui.shapes``)."""

    def shapes(name: str, decimals: int, **params: Any) -> dict[str, Any]:
        rows = fetch(name, **params)
        key = "kode_kemendagri" if "kode_kemendagri" in rows else "kode"
        return dict(geo.feature_collection(rows[key], rows["wkb"], decimals))

    return shapes


def _no_memo(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    return make()


def _pick(v: View, s: state.Peta, names: dict[str, str], lang: str) -> str:
    code = next(iter(names))
    if s.ind in names:
        return str(s.ind)
    if s.ind is not None:
        v.notices.append(bad_value("ind", s.ind, names[code], lang))
    return code


def _year(v: View, s: state.Peta, years: list[int], lang: str) -> int:
    if s.tahun in years:
        return int(s.tahun)
    if s.tahun is not None:
        v.notices.append(bad_value("tahun", s.tahun, str(years[0]), lang))
    return years[0]


KECAMATAN_HEIGHT = 480  # px of the map itself (the legend is drawn under it)
NATIONAL_HEIGHT = 300


def build(
    common: Common,
    s: state.Peta,
    fetch: Fetch,
    shapes: Shapes | None = None,
    memo: Memo | None = None,
    members: Sequence[str] | None = None,
) -> View:
    """The Peta view. ``members``: on the national map, only these regions' figures are drawn
    (a comparison group, Bandingkan's Peta tab); the others are drawn as outside the group."""
    lang, kode = common.lang, common.kota
    shapes = shapes or shapes_from(fetch)
    memo = memo or _no_memo
    regions = fetch("region_choices")
    nama = str(dict(zip(regions.kode, regions.nama, strict=True)).get(kode, kode))
    sources = fetch("source_catalog")
    v = View("peta", common, s, heading=T("title", lang, name=nama))
    kec_shapes = fetch("map_kecamatan_shapes", kota=kode)
    tampilan = s.tampilan
    if not len(kec_shapes):  # a kabupaten (or a kota without boundaries): the national map only
        v.infos.append(T("no_kecamatan", lang, name=nama))
        tampilan = "nasional"
    v.extra = {"sources": sources, "kec_shapes": kec_shapes, "nama": nama}
    if tampilan == "kecamatan":
        catalog = fetch("map_kecamatan_indicators", kota=kode)
        if catalog.empty:
            v.empty = T("no_indicator", lang, name=nama)
            v.state = state.replace(s, tampilan=tampilan)
            return v
        names = maps.indicator_names(catalog, lang)
        indicator = _pick(v, s, names, lang)
        years = [int(y) for y in catalog[catalog.indicator == indicator].tahun]
        tahun = _year(v, s, years, lang)
        values = fetch("map_kecamatan_values", kota=kode, indicator=indicator, tahun=tahun)
        meta = catalog[catalog.indicator == indicator].iloc[0]
        measures = maps.measures(values, meta)
        measure = s.ukuran if s.ukuran in measures else "nilai"
        if measure != s.ukuran:  # e.g. a BPS-area density where the printed area is too old
            v.notices.append(bad_value("ukuran", s.ukuran, maps.measure_label(measure, values, lang), lang))
        mv = memo(
            ("peta_kec", kode, indicator, tahun, measure, s.metode, s.kelas, lang),
            lambda: maps.kecamatan_view(values, kec_shapes, meta, measure, s.metode, s.kelas, tahun, lang),
        )
        collection = shapes("map_kecamatan_shapes", geo.KECAMATAN_DECIMALS, kota=kode)
        kelurahan = fetch("map_kelurahan", kota=kode)
        show_kel = s.kelurahan and not kelurahan.empty
        kel_shapes = shapes("map_kelurahan", geo.KECAMATAN_DECIMALS, kota=kode) if show_kel else None
        # Vega-Lite, not plotly: the map is the page's first chart on a phone (issue 14)
        v.make_figure = lambda: vegamap.choropleth(
            mv, collection, lang, kelurahan=kel_shapes, names=s.nama, height=KECAMATAN_HEIGHT
        )
        v.fingerprint = maps.fingerprint(mv, kode, s.nama, show_kel, lang)
        v.title = T("t_kec", lang, short=names[indicator], name=nama)
        top = values.dropna(subset=["nilai"]).sort_values(["nilai", "nama"], ascending=[False, True])
        if len(top):
            unit = str(meta["unit_en" if lang == "en" else "unit_id"])
            value = fmt.value(float(top.nilai.iloc[0]), unit, int(str(meta.decimals)), lang)
            v.message = T(
                "m_kec", lang, short=names[indicator], kec=str(top.nama.iloc[0]), value=value, n=len(top)
            )
        v.extra.update(
            values=values, measures=measures, kelurahan=kelurahan, collection=collection, catalog=catalog
        )
        v.state = state.replace(s, tampilan=tampilan, ind=indicator, tahun=tahun, ukuran=measure)
    else:
        catalog = fetch("map_kabkota_indicators")
        catalog = catalog[catalog.n_wilayah >= 2]
        names = maps.indicator_names(catalog, lang)
        indicator = _pick(v, s, names, lang)
        years = [int(y) for y in catalog[catalog.indicator == indicator].tahun]
        tahun = _year(v, s, years, lang)
        meta = catalog[catalog.indicator == indicator].iloc[0]
        values = fetch("map_kabkota_values", indicator=indicator, tahun=tahun, kota_saja=s.kota_saja)
        collection = memo(("peta_nas_shapes",), lambda: maps.national_collection(fetch("map_kabkota_shapes")))
        grp = None if members is None else tuple(members)
        mv = memo(("peta_nas", indicator, tahun, s.kota_saja, s.metode, s.kelas, lang, grp),
                  lambda: maps.national_view(values, meta, s.metode, s.kelas, tahun, lang, grp))  # fmt: skip
        v.make_figure = lambda: vegamap.choropleth(
            mv, collection, lang, outline=[kode], border_width=0.3, height=NATIONAL_HEIGHT
        )
        v.fingerprint = maps.fingerprint(mv, kode, s.kota_saja, lang)
        v.title = T("t_nas", lang, short=names[indicator], year=tahun)
        v.message = national_message(mv, names[indicator], tahun, lang)
        v.extra.update(values=values, collection=collection, catalog=catalog)
        v.state = state.replace(s, tampilan=tampilan, ind=indicator, tahun=tahun)
    own = catalog[catalog.indicator == indicator]
    count = "n_kecamatan" if "n_kecamatan" in own else "n_wilayah"
    v.options = {"ind": list(names), "tahun": years, "putar": timeline.play_years(own, count)}
    v.extra["sparse"] = timeline.sparse_years(own[["tahun", count]], count, lang)
    v.labels = {"ind": names}
    v.source = str(maps.source_text(mv, sources, lang))
    v.extra.update(mv=mv, indicator=indicator, meta=meta)
    v.warnings = list(mv.notes)  # boundary changes, areas of another year, ...
    return v


def national_message(mv: maps.MapView, short: str, tahun: int, lang: str) -> str:
    """The national map's line above it: the indicator and year, how many regions have a figure,
    and the lowest and highest of them (as drawn: inside the group when one is chosen); empty
    with fewer than two figures. A phone shows it before the map, whose picker is below it."""
    drawn = mv.frame.dropna(subset=[mv.value]).sort_values([mv.value, "nama"], kind="stable")
    if len(drawn) < 2:
        return ""
    lo, hi = drawn.iloc[0], drawn.sort_values([mv.value, "nama"], ascending=[False, True]).iloc[0]

    def shown(row: Any) -> str:
        return fmt.value(float(row[mv.value]), mv.unit, mv.decimals, lang)

    return T("m_nas", lang, short=short, year=tahun, n=len(drawn), lo=shown(lo), lo_name=str(lo.nama),
             hi=shown(hi), hi_name=str(hi.nama))  # fmt: skip


def frame(v: View) -> pd.DataFrame:
    """The map's figures (one row per region) for the download."""
    return v.extra["mv"].frame  # type: ignore[no-any-return]


def next_year(years: list[int], current: int | None) -> int | None:
    """The year a "Putar" step shows after ``current`` (the first when ``current`` is not among
    ``years``); None after the last: the play stops there."""
    if not years:
        return None
    if current not in years:
        return years[0]
    i = years.index(current)
    return years[i + 1] if i + 1 < len(years) else None


def series_rows(v: View, fetch: Fetch) -> pd.DataFrame:
    """Every year of the indicator drawn, for every region of the map with a BPS code
    (``indicator_series`` rows plus the indicator's short names, as :func:`trends.frame` needs)."""
    mv, meta = v.extra["mv"], v.extra["meta"]
    kodes = sorted({str(k) for k in mv.frame.kode.dropna()})
    rows = fetch("indicator_series", kodes=kodes, indicators=[v.extra["indicator"]])
    return rows.assign(short_id=str(meta["short_id"]), short_en=str(meta["short_en"]))


def area_rows(v: View, fetch: Fetch) -> pd.DataFrame | None:
    """The printed BPS areas behind a ``kepadatan_bps`` map (their sources go in the download)."""
    mv = v.extra["mv"]
    if mv.value != "kepadatan_bps":
        return None
    kodes = sorted({str(k) for k in mv.frame.kode.dropna()})
    return fetch("indicator_series", kodes=kodes, indicators=["luas_wilayah_bps"])


def table(v: View, rows: pd.DataFrame, chosen: list[str], lang: str) -> pd.DataFrame:
    """Every region of the map x every year of the indicator (numbers, for a numeric sort), with
    start, end, changes and CAGR; ``chosen`` rows flagged for the highlight."""
    decimals = int(v.extra["meta"]["decimals"])
    grid = trends.frame(rows, str(v.extra["indicator"]), lang)
    return tables.wide(grid, decimals, chosen, None, None, lang)
