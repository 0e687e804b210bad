"""The Presentasi page through AppTest: managing decks, playing one (next/previous, QR, source on
every slide), the one-click "add to deck" button, and slide links that reopen the same view."""

from __future__ import annotations

import base64
import io
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from dalamangka import deck
from tests.conftest import AppFactory

PAGE = "pages/presentasi.py"


def htmls(at: AppTest) -> list[str]:
    return [str(h.value) for h in at.get("html")]


def slide_html(at: AppTest) -> str:
    """The slide's title and message block (a unit's non-breaking space read as a space)."""
    return next(h for h in htmls(at) if 'class="kda-slide"' in h).replace("\xa0", " ")


def qr_url(at: AppTest) -> str:
    block = next(h for h in htmls(at) if 'class="kda-qr"' in h)
    return str(re.search(r'data-url="([^"]+)"', block).group(1)).replace("&amp;", "&")  # type: ignore[union-attr]


def view_url(at: AppTest) -> str:
    """The link of the view the slide shows (the full page; the QR code opens the phone view)."""
    block = next(h for h in htmls(at) if 'class="kda-qr"' in h)
    return str(re.search(r'data-view="([^"]+)"', block).group(1)).replace("&amp;", "&")  # type: ignore[union-attr]


def play(app: AppFactory, name: str, slide: int = 1, **extra: str) -> AppTest:
    at = app(PAGE, dek=name, putar="1", slide=str(slide), **extra)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_manage_mode_lists_the_example_deck_of_the_chosen_city(app: AppFactory) -> None:
    at = app(PAGE, kota="Kota Medan")
    assert at.title[0].value == "Presentasi"
    assert at.selectbox(key="presentasi_pilih").value == "medan"
    table = at.dataframe[0].value
    expected = deck.examples()["medan"]
    assert table["Judul"].tolist() == [deck.text(s.title, "id") for s in expected.slides]
    assert table["Tautan"].iloc[0] == "http://localhost:8501/ringkasan?kota=1275&lang=id"
    # the share link is a link, not a code block; the commands' code blocks wait until asked for
    # (issue 14: no st.code for a link, and its 1.5 MB highlighter never loads with the page)
    link = "http://localhost:8501/presentasi?dek=medan&lang=id"
    assert f"[`{link}`](<{link}>)" in [m.value for m in at.markdown]
    assert not at.code
    # AppTest's browser address is unknown (localhost): the page explains how to serve the room
    room = next(w.value for w in at.warning if "localhost" in w.value)
    assert "ponsel di ruangan tidak dapat membukanya" in room
    at.session_state["presentasi_luring"] = True
    at.session_state["presentasi_perintah_ruang"] = True
    at.run()
    assert any("deck-pdf data/decks/medan.json" in c.value for c in at.code)
    assert any("--server.address 0.0.0.0" in c.value for c in at.code)


def test_playing_shows_title_message_chart_source_and_counter_per_slide(app: AppFactory) -> None:
    d = deck.examples()["pangkalpinang"]
    at = play(app, "pangkalpinang")
    for i, slide in enumerate(d.slides, start=1):
        head = slide_html(at)
        assert f'data-slide="{i}"' in head
        assert deck.text(slide.title, "id") in head and deck.text(slide.message, "id") in head
        if slide.page == "ringkasan":
            assert any('class="kda-cards"' in h for h in htmls(at))
        else:
            assert len(at.get("plotly_chart")) + len(at.get("vega_lite_chart")) == 1
        assert any('class="kda-slide-source">Sumber: ' in h for h in htmls(at))
        assert any(f">{i} / {len(d.slides)}<" in h for h in htmls(at))
        assert qr_url(at) == deck.landing_url("http://localhost:8501", "pangkalpinang", i, "id")
        assert view_url(at).startswith(f"http://localhost:8501/{slide.page}?kota=1971")
        assert at.button(key="presentasi_prev").disabled == (i == 1)
        assert at.button(key="presentasi_next").disabled == (i == len(d.slides))
        if i < len(d.slides):
            at.button(key="presentasi_next").click().run()
            assert not at.exception
    assert at.query_params["slide"] == str(len(d.slides))
    at.button(key="presentasi_prev").click().run()
    assert at.query_params["slide"] == str(len(d.slides) - 1)
    at.button(key="presentasi_exit").click().run()
    assert at.title[0].value == "Presentasi"  # back to the manager


def test_player_in_english(app: AppFactory) -> None:
    at = play(app, "medan", 3, lang="English")
    head = slide_html(at)
    assert "HDI: Kota Medan and the other pilot cities" in head
    assert "HDI of Kota Medan rose from 77.02 (2010) to 81.21 (2021)." in head
    assert any('class="kda-slide-source">Source: ' in h for h in htmls(at))
    assert at.button(key="presentasi_next").label == "Next"


def test_qr_image_on_the_slide_decodes_to_the_slide_link(app: AppFactory) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    at = play(app, "palembang", 3)
    block = next(h for h in htmls(at) if 'class="kda-qr"' in h)
    png = base64.b64decode(re.search(r'base64,([^"]+)"', block).group(1))  # type: ignore[union-attr]
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))]
    assert decoded == ["http://localhost:8501/presentasi?dek=palembang&slide=3&lihat=1&lang=id"]
    # the phone landing view: the same slide's title, message and chart, and one tap to the page
    slide = deck.examples()["palembang"].slides[2]
    phone = app(PAGE, **params_of(decoded[0]))
    head = next(h for h in htmls(phone) if 'class="kda-phone"' in h)
    assert deck.text(slide.title, "id") in head and deck.text(slide.message, "id") in head
    assert traces(figure(phone, "presentasi_phone_chart")) == traces(figure(at, "presentasi_chart_3"))
    assert phone.get("link_button")[0].proto.url == view_url(at)


def params_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def figure(at: AppTest, key: str) -> dict[str, Any]:
    import json

    for c in at.get("plotly_chart"):
        if c.proto.id.endswith(key) or key in str(c.proto):
            return dict(json.loads(c.proto.spec))
    chart = at.get("vega_lite_chart")[0]  # Vega-Lite protos carry no id: the view's chart comes first
    spec = dict(json.loads(chart.proto.spec))
    if chart.proto.data.data:  # Streamlit moves inline rows into an Arrow table
        import pyarrow as pa

        spec["data"] = {"values": pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()}
    return spec


import json  # noqa: E402


def traces(fig: dict[str, Any]) -> list[tuple[str, list[Any], list[Any], list[Any]]]:
    """Each trace's name and data: x/y (lines, bars), or locations/z and text (maps); for a
    Vega-Lite spec, its inline rows."""
    if "$schema" in fig:
        rows = fig.get("data", {}).get("values", [])
        return sorted((json.dumps(r, sort_keys=True, default=str), [r], [], []) for r in rows)
    return sorted(
        (
            str(t.get("name")),
            list(t.get("x") or t.get("locations") or []),
            list(t.get("y") or t.get("z") or []),
            list(t.get("text") or []) if t.get("type") != "bar" else [],
        )
        for t in fig["data"]
    )


@pytest.mark.parametrize(
    ("page", "key"), [("tren", "tren_chart"), ("bandingkan", "bandingkan_bar"), ("peta", "peta_map")]
)
def test_slide_link_reopens_the_same_view(app: AppFactory, page: str, key: str) -> None:
    d = deck.examples()["tanjungpinang"]
    number, _ = next((i, s) for i, s in enumerate(d.slides, start=1) if s.page == page)
    projected = play(app, "tanjungpinang", number)
    phone = app(f"pages/{page}.py", **params_of(view_url(projected)))
    # the same figures, series and regions as the slide's chart
    shown = traces(figure(projected, f"presentasi_chart_{number}"))
    assert sum(len(x) for _, x, _, _ in shown) >= 4  # the five pilot cities, or a city's kecamatan
    assert traces(figure(phone, key)) == shown
    assert any("Kota Tanjung Pinang" in h.value for h in [*phone.title, *phone.subheader, *phone.markdown])


def test_card_slide_link_reopens_the_cities_overview(app: AppFactory) -> None:
    projected = play(app, "pekalongan", 1)
    phone = app(None, **params_of(view_url(projected)))
    assert phone.title[0].value == "Ringkasan Kota Pekalongan"


def test_add_to_deck_from_ringkasan_then_play_it(app: AppFactory) -> None:
    at = app(kota="Kota Medan")
    at.button(key="deck_add_ringkasan").click().run()
    at.button(key="deck_add_ringkasan").click().run()
    mine = at.session_state["_presentasi_deck"]
    assert len(mine.slides) == 2
    assert mine.slides[0] == deck.Slide("ringkasan", {"kota": "1275"}, "Ringkasan Kota Medan")
    at.query_params["dek"] = "saya"
    at.switch_page(PAGE).run()
    assert at.selectbox(key="presentasi_pilih").value == "saya"
    at.text_input(key="presentasi_m_1").input("Pesan untuk rapat").run()
    at.button(key="presentasi_del_2").click().run()
    mine = at.session_state["_presentasi_deck"]
    assert [deck.text(s.message) for s in mine.slides] == ["Pesan untuk rapat"]
    at.button(key="presentasi_play").click().run()
    assert "Pesan untuk rapat" in slide_html(at)


def test_a_shared_link_plays_and_a_slide_in_flux_degrades(app: AppFactory) -> None:
    d = deck.Deck(
        "Dari tautan",
        (
            deck.Slide("ringkasan", {"kota": "Kota Medan"}, "Kartu"),
            deck.Slide("peta", {"kota": "Kota Medan", "peta_indikator": "bukan indikator"}, "Peta"),
        ),
    )
    at = play(app, "z:" + deck.encode(d), 2)
    assert "Peta" in slide_html(at)
    assert not at.exception
    has_note = any('class="kda-slide-note"' in h for h in htmls(at))
    assert has_note or len(at.get("vega_lite_chart")) == 1  # the map (Vega-Lite) or a note why not


def test_a_damaged_link_falls_back_with_a_warning(app: AppFactory) -> None:
    at = app(PAGE, dek="z:rusak")
    assert any("Berkas dek tidak valid" in w.value for w in at.warning)
    assert at.selectbox(key="presentasi_pilih").value == "pangkalpinang"
