"""Each example deck's slides against the pages they link to: the same figure data, title and
source (the slide and the page draw the same View from dalamangka.views)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dalamangka import deck, headline, sql, state
from dalamangka.views import figure_data
from tests.cards import page_cards
from tests.conftest import AppFactory

KEYS = {"tren": "tren_chart", "bandingkan": "bandingkan_bar", "peta": "peta_map"}


def fetcher(con: duckdb.DuckDBPyConnection) -> deck.Fetch:
    def fetch(name: str, **params: Any) -> pd.DataFrame:
        return sql.run(con, name, **params)

    return fetch


def traces(data: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(t, sort_keys=True, default=str) for t in data)


def page_figure(at: AppTest, key: str) -> dict[str, Any]:
    """The page's chart by widget key: a plotly figure's JSON, or a Vega-Lite spec (``$schema``)."""
    for c in at.get("plotly_chart"):
        if key in str(c.proto.id):
            return dict(json.loads(c.proto.spec))
    chart = at.get("vega_lite_chart")[0]  # Vega-Lite protos carry no id: the view's chart comes first
    spec = dict(json.loads(chart.proto.spec))
    if chart.proto.data.data:  # Streamlit moves inline rows into an Arrow table
        import pyarrow as pa

        spec["data"] = {"values": pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()}
    return spec


def heading(at: AppTest) -> str:
    """The page's headings (a title, or a compact subheader/markdown line on the chart-first pages)."""
    return " | ".join(str(h.value) for h in [*at.title, *at.subheader, *at.markdown])


@pytest.mark.parametrize("name", list(deck.examples()))
def test_every_slide_is_the_pages_own_view(full: duckdb.DuckDBPyConnection, name: str) -> None:
    fetch = fetcher(full)
    env = deck.Env(fetch, "id")
    for slide in deck.examples()[name].slides:
        shown = deck.render(slide, env, "http://h")
        assert shown.view is not None and not shown.note, (name, slide.page)
        # the page, opened from the slide's link, builds the same view
        params = dict(parse_qsl(urlsplit(shown.url).query))
        decoded = state.decode(slide.page, params, env.words())
        again = deck.build_view(slide.page, decoded.common, decoded.state, env)
        assert again.title == shown.view.title
        if shown.cards:  # a card slide names the sources of the cards it shows, each once
            assert shown.source == headline.source_line(again.cards[: deck.MAX_CARDS], "id")
        else:
            assert again.source == shown.source
        if again.make_figure is not None:
            assert traces(figure_data(again.figure)) == traces(figure_data(shown.figure))
        else:
            assert [c.value for c in again.cards][: len(shown.cards)] == [c.value for c in shown.cards]


@pytest.mark.parametrize("name", ["medan", "pekalongan"])
def test_slides_match_the_pages_drawn_by_streamlit(
    app: AppFactory, full: duckdb.DuckDBPyConnection, name: str
) -> None:
    env = deck.Env(fetcher(full), "id")
    for slide in deck.examples()[name].slides:
        shown = deck.render(slide, env, "http://h")
        params = dict(parse_qsl(urlsplit(shown.url).query))
        at = app(f"pages/{slide.page}.py", **params)
        captions = " ".join(c.value for c in at.caption)
        if slide.page == "ringkasan":
            drawn = page_cards(at)  # laid out in three columns
            on_page = {(c["name"][0], c["value"][0]) for c in drawn}
            assert {(c.name, c.value) for c in shown.cards} <= on_page  # the page's badge carries the year
            assert at.title[0].value == shown.view.heading  # type: ignore[union-attr]
            for card in shown.cards:
                assert [f"Sumber: {card.source}"] in [c["source"] for c in drawn]
            continue
        if isinstance(shown.view.figure, dict):  # type: ignore[union-attr]
            # a Vega-Lite chart (Tren): Streamlit sends its inline values as an Arrow table
            # (a map, Peta: GeoJSON stays in the spec)
            proto = at.get("vega_lite_chart")[0].proto
            page_spec = json.loads(proto.spec)
            if proto.data.data:
                values = pa.ipc.open_stream(proto.data.data).read_all().to_pylist()
            else:
                values = page_spec["data"]["values"]
            assert values == shown.view.figure["data"]["values"], (name, slide.page)  # type: ignore[union-attr]
            title = shown.view.figure.get("title", {}).get("text")  # type: ignore[union-attr]
            assert page_spec.get("title", {}).get("text") == title
            assert f"Sumber: {shown.source}" in captions
            assert shown.view.heading in heading(at) or shown.view.title in heading(at)  # type: ignore[union-attr]
            continue
        drawn = page_figure(at, KEYS[slide.page])
        expected = figure_data(shown.view.figure)  # type: ignore[union-attr]
        if isinstance(shown.view.figure, dict):  # type: ignore[union-attr]  # Vega-Lite: same rows, same title
            assert len(drawn["data"]["values"]) == len(shown.view.figure["data"]["values"]), (
                name,
                slide.page,
            )  # type: ignore[union-attr]
            assert drawn.get("title") == shown.view.figure.get("title")  # type: ignore[union-attr]
        else:
            fields = ("type", "name", "x", "y", "z", "locations")
            got = [{k: t[k] for k in fields if k in t} for t in drawn["data"]]
            assert traces(got) == traces(expected), (name, slide.page)
            assert drawn["layout"]["title"]["text"] == shown.view.figure.layout.title.text  # type: ignore[union-attr]
        assert f"Sumber: {shown.source}" in captions
        assert shown.view.heading in heading(at) or shown.view.title in heading(at)  # type: ignore[union-attr]
