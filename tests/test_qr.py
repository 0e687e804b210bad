"""QR codes decode (zxing-cpp, an independent decoder) to exactly the slide's view URL."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from dalamangka import deck, qr

zxingcpp = pytest.importorskip("zxingcpp")


def decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))]


@pytest.mark.parametrize("name", list(deck.examples()))
def test_every_example_slide_qr_decodes_to_its_url(name: str) -> None:
    for slide in deck.examples()[name].slides:
        url = deck.slide_url(slide, "http://192.168.1.20:8501")
        assert decode(qr.png(url)) == [url]


def test_small_and_data_uri_forms_decode_too() -> None:
    url = "http://localhost:8501/bandingkan?kota=Kota+Tanjung+Pinang&bandingkan_indikator=IPM"
    assert decode(qr.png(url, scale=4, border=2)) == [url]
    uri = qr.data_uri(url)
    assert uri.startswith("data:image/png;base64,")
    assert decode(base64.b64decode(uri.split(",", 1)[1])) == [url]


def test_svg_form() -> None:
    svg = qr.svg("http://localhost:8501/ringkasan")
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg
