"""The chart pages' views as the pages build them, and a replica's warm-up of them.

Each page builds its view through the function here, so the keys of the caches it fills (the
warehouse's query results, map shapes, the memoised views and the maps' Vega-Lite specs) are
the same when ``serve``'s warm-up run builds the seed cities' first screens ahead of the room
(:func:`warm`): the first phone that opens one of them on a fresh replica finds them built.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from dalamangka import config, state
from dalamangka.views import View, bandingkan, peta, ringkasan, tren

log = logging.getLogger(__name__)


def ringkasan_view(common: state.Common, choice: Any) -> View:
    """Ringkasan's view (its cards memoised per region, language, day and warehouse version)."""
    from dalamangka.ui.data import memo, query

    return ringkasan.build(common, choice, query, memo=memo)


def ringkasan_card_parts(view: View, kode: str, lang: str) -> None:
    """What Ringkasan draws besides its view, built into the caches: each card's "Tentang data"
    panel and the age structure below the cards (its query; the charts wait for the expander)."""
    from dalamangka.ui.data import query
    from dalamangka.ui.widgets import about_of

    for card in view.cards:
        about_of(card.indicator, lang, kode)
    query("age_structure", kode=kode)


def tren_view(common: state.Common, choice: Any) -> View:
    """Tren's view, memoised on the link's state (a warm rerun rebuilds nothing)."""
    from dalamangka.ui.data import memo, query

    return memo(("tren_view", common, choice), lambda: tren.build(common, choice, query))  # type: ignore[no-any-return]


def bandingkan_view(common: state.Common, choice: Any) -> View:
    """Bandingkan's view (ranking, bars), memoised on the link's state."""
    from dalamangka.ui.data import memo, query

    return memo(("bandingkan_view", common, choice), lambda: bandingkan.build(common, choice, query))  # type: ignore[no-any-return]


def peta_view(common: state.Common, choice: Any) -> View:
    """Peta's view, memoised on the link's state (a new session opening the same link rebuilds
    nothing: the national map's ranked list and indicator names took ~60 ms per view). Its
    classes, legend and hover texts are also memoised inside, for the views that share them."""
    from dalamangka.ui.data import memo, query, shapes

    return memo(  # type: ignore[no-any-return]
        ("peta_view", common, choice), lambda: peta.build(common, choice, query, shapes=shapes, memo=memo)
    )


@dataclass(frozen=True)
class KecamatanMap:
    """What Peta's kecamatan map draws besides the view: the open notes' statuses by BPS code
    (``flags``), the regions outlined for them, the map's key -> BPS code (``to_bps``), and the
    spec's fingerprint and builder (:func:`dalamangka.ui.vegamapchart.vega_map_chart`)."""

    flags: dict[str, str]
    outlined: list[str]
    to_bps: dict[str, str]
    fingerprint: str
    build: Callable[[], dict[str, Any]]


def kecamatan_map(view: View, kota: str, lang: str) -> KecamatanMap:
    """The kecamatan map of a Peta view (``view.make_figure`` set, ``tampilan`` kecamatan)."""
    from dalamangka import vegamap
    from dalamangka.ui import notes

    values, collection = view.extra["values"], view.extra["collection"]
    to_bps = dict(zip(values.kode_kemendagri, values.kode, strict=True))
    to_map = {str(b): str(k) for k, b in to_bps.items() if isinstance(b, str)}
    flags = notes.open_status(kota, str(view.state.ind), int(view.state.tahun), lang)
    outlined = sorted(k for k in flags if k in to_map)

    def build() -> dict[str, Any]:
        return vegamap.outlined(cast(dict[str, Any], view.figure), collection, [to_map[k] for k in outlined])

    return KecamatanMap(flags, outlined, to_bps, f"{view.fingerprint}:{','.join(outlined)}", build)


def warm(cities: Sequence[str] = config.SEED_CITIES, lang: str = "id") -> int:
    """Build the first screens of Ringkasan, Tren, Bandingkan, Peta (kecamatan and national) and
    Kualitas of ``cities`` in this process's caches; returns how many were built. A view that fails is
    logged and skipped (its page shows the error to whoever opens it)."""
    from dalamangka.ui import urlstate
    from dalamangka.ui.data import quality_report, query
    from dalamangka.ui.vegamapchart import map_spec

    t0, built = time.perf_counter(), 0
    vocab = urlstate.vocab()
    names = dict(zip(*(query("region_choices")[c] for c in ("kode", "nama")), strict=True))
    first: tuple[tuple[str, dict[str, list[str]]], ...] = (
        ("ringkasan", {}),
        ("tren", {}),
        ("bandingkan", {}),
        ("peta", {}),
        ("peta", {"tampilan": ["nasional"]}),
        ("kualitas", {}),
    )
    for kode in (k for k in cities if k in names):
        common = state.Common(kota=kode, lang=lang)
        for page, query_params in first:
            try:
                choice, _ = state.decode_page(page, query_params, vocab, lang)
                if page == "ringkasan":
                    ringkasan_card_parts(ringkasan_view(common, choice), kode, lang)
                elif page == "kualitas":
                    quality_report(kode, str(names[kode]), dt.date.today().year, lang)
                elif page == "tren":
                    tren_view(common, choice)
                elif page == "bandingkan":
                    bandingkan_view(common, choice)
                else:
                    view = peta_view(common, choice)
                    if view.make_figure is not None and view.state.tampilan == "nasional":
                        map_spec(view.fingerprint, _figure_of(view))
                    elif view.make_figure is not None:
                        kec = kecamatan_map(view, kode, lang)
                        map_spec(kec.fingerprint, kec.build)
                built += 1
            except Exception:  # the page itself reports it to its reader
                log.exception("warm-up: %s of %s failed", page, kode)
    log.info("warm-up: %d views in %.1f s", built, time.perf_counter() - t0)
    return built


def _figure_of(view: View) -> Callable[[], dict[str, Any]]:
    return lambda: cast(dict[str, Any], view.figure)


def warm_if_asked() -> None:
    """:func:`warm` when ``serve`` asked for it (:data:`dalamangka.config.WARM_VIEWS_ENV`; not
    with ``--no-prepaint``)."""
    if os.environ.get(config.WARM_VIEWS_ENV) == "1":
        warm()
