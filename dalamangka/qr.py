"""QR codes that open a view on a phone: made locally with segno (no network, no service).

A slide's QR code holds the view's own URL (see :func:`dalamangka.deck.slide_url`), so a
participant who scans it gets the same chart on their phone, interactive.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

import segno

DARK = "#000000"
LIGHT = "#ffffff"


MAX_BYTES = 300  # beyond this a code is too dense to scan from the back of a room


class TooLong(ValueError):
    """A link too long for a QR code that phones can scan from across a room."""


def fits(url: str) -> bool:
    """Whether ``url`` makes a scannable code (links are codes only, so they are short)."""
    return len(url.encode("utf-8")) <= MAX_BYTES


def code(url: str) -> segno.QRCode:
    """A QR code for ``url`` with medium error correction (survives a projector's blur).
    :class:`TooLong` when the link is longer than :data:`MAX_BYTES`: segno is never asked to
    encode more than a scannable code holds."""
    if not fits(url):
        raise TooLong(f"{len(url.encode('utf-8'))} bytes > {MAX_BYTES}")
    return segno.make_qr(url, error="m")


@lru_cache(maxsize=512)
def png(url: str, scale: int = 8, border: int = 2) -> bytes:
    """PNG bytes of the QR code: black on white, ``scale`` pixels per module."""
    out = io.BytesIO()
    code(url).save(out, kind="png", scale=scale, border=border, dark=DARK, light=LIGHT)
    return out.getvalue()


def svg(url: str, scale: int = 6, border: int = 2) -> str:
    """The QR code as an SVG document (text), for HTML pages and the offline pack."""
    out = io.BytesIO()
    code(url).save(out, kind="svg", scale=scale, border=border, dark=DARK, light=LIGHT, xmldecl=False)
    return out.getvalue().decode("utf-8")


@lru_cache(maxsize=512)
def data_uri(url: str, scale: int = 8, border: int = 2) -> str:
    """``data:image/png;base64,...`` of the QR code, for an ``<img>`` tag."""
    return "data:image/png;base64," + base64.b64encode(png(url, scale, border)).decode("ascii")
