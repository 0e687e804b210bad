"""The projector theme: big type, thick lines, big markers, Okabe-Ito, Indonesian separators."""

from __future__ import annotations

import plotly.graph_objects as go

from dalamangka import projector
from dalamangka.headline import Card


def trend() -> go.Figure:
    fig = go.Figure(layout={"title": {"text": "IPM", "subtitle": {"text": "indeks · 2010–2021"}}})
    fig.add_trace(go.Scatter(x=[2010, 2011], y=[70.1, 71.2], mode="lines+markers", line={"width": 4}))
    fig.add_trace(go.Scatter(x=[2010, 2011], y=[69.0, 69.5], mode="lines+markers", line={"width": 1.8},
                             marker={"size": 6}))  # fmt: skip
    fig.update_xaxes(dtick=1, range=[2009.6, 2025.4])
    return fig


def test_palette_is_okabe_ito() -> None:
    assert set(projector.OKABE_ITO) == {
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"
    }  # fmt: skip
    assert list(projector.template().layout.colorway) == list(projector.OKABE_ITO)


def test_template_has_large_type_and_language_separators() -> None:
    t = projector.template("id")
    assert t.layout.font.size >= 20
    assert t.layout.separators == ",."
    assert projector.template("en").layout.separators == ".,"
    assert t.data.scatter[0].line.width >= 4


def test_style_thickens_lines_keeps_their_order_and_enlarges_markers() -> None:
    fig = projector.style(trend(), "id", 450)
    chosen, other = fig.data
    assert chosen.line.width == 8
    assert other.line.width == projector.LINE_MIN  # 1.8 × 2 = 3.6, raised to the minimum
    assert chosen.line.width > other.line.width
    assert chosen.marker.size >= projector.MARKER_MIN and other.marker.size >= projector.MARKER_MIN
    assert fig.layout.height == 450
    assert fig.layout.separators == ",."
    assert fig.layout.font.size == projector.BASE_FONT
    assert fig.layout.title.text == "indeks · 2010–2021"  # the slide prints its own title
    assert fig.layout.xaxis.dtick is None or fig.layout.xaxis.dtick >= 2  # year ticks do not collide
    assert fig.layout.legend.orientation == "v"


def test_style_in_english_uses_english_separators() -> None:
    assert projector.style(trend(), "en").layout.separators == ".,"


def test_bars_get_room_for_their_values() -> None:
    fig = go.Figure(
        go.Bar(x=[1.5, 2.5], y=["A", "B"], orientation="h", text=["1,5", "2,5"], textposition="outside")
    )
    fig = projector.style(fig)
    assert fig.data[0].textfont.size == projector.BASE_FONT
    assert fig.layout.margin.r >= 120


def test_map_names_are_printed() -> None:
    fig = go.Figure(
        go.Choroplethmap(locations=["a"], z=[1], geojson={"type": "FeatureCollection", "features": []})
    )
    fig = projector.label_map(fig, ["Medan Kota"], [98.68], [3.58])
    labels = fig.data[-1]
    assert labels.type == "scattermap" and list(labels.text) == ["Medan Kota"] and labels.mode == "text"
    fig = projector.style(fig)
    assert fig.data[0].marker.line.width == 2


def test_cards_html_escapes_and_shows_values_as_formatted() -> None:
    card = Card(
        indicator="x", title="A <b>", label="A <b> · 2025", value="2.510.147 jiwa", year=2025, delta="+1,0 %",
        delta_color="normal", since="sejak 2024", rank=None, rank_order="", sentence="", source="BPS",
        status="angka sementara", definition="",
    )  # fmt: skip
    out = projector.cards_html([card], "id")
    assert "A &lt;b&gt; · 2025" in out and "2.510.147 jiwa" in out and "+1,0 % sejak 2024" in out
    assert "angka sementara" in out and "<b>" not in out


def test_a_1080p_screen_gets_bigger_type() -> None:
    small = projector.style(trend(), "id", projector.HEIGHTS["720"])
    big = projector.style(trend(), "id", projector.HEIGHTS["1080"])
    assert big.layout.font.size > small.layout.font.size >= 20
