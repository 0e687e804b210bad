"""Reading a Ringkasan headline card back from its HTML (dalamangka/cardhtml.py), for tests:
each ``kda-hc-*`` part's text, the sparkline's description and the badges' texts."""

from __future__ import annotations

from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {}
        self.stack: list[str | None] = []
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-indicator" in a:
            self.attrs["indicator"] = a["data-indicator"]
        if tag == "svg":
            self.attrs["spark"] = a.get("aria-label", "")
        classes = [c.removeprefix("kda-hc-") for c in a.get("class", "").split() if c.startswith("kda-hc-")]
        part = classes[0] if classes else None
        if tag not in ("line", "polyline", "circle"):  # void-like SVG shapes: no end tag
            self.stack.append(part)
        if part is not None:
            self.parts.setdefault(part, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("line", "polyline", "circle") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for part in self.stack:  # a part's text includes its inner parts' ("delta" holds "since")
            if part is not None and part not in ("top", "large"):
                self.parts[part][-1] += data


def read(body: str) -> dict[str, list[str]]:
    """``{"name": [...], "value": [...], "delta": [...], "badge": [...], "rank": [...],
    "small": [...], "sentence": [...], "indicator": [code], "spark": [label]}``."""
    r = _Reader()
    r.feed(body[body.index("<div") :])
    out = {k: [" ".join(t.split()) for t in v] for k, v in r.parts.items()}
    out.update({k: [v] for k, v in r.attrs.items()})
    return out


def card_markdown(block: Block) -> str:
    """The card's own HTML block inside its container."""
    (body,) = [m.value for m in block.get("markdown") if 'class="kda-hc' in m.value]
    return body


def page_cards(at: AppTest) -> list[dict[str, list[str]]]:
    """Every headline card on the page, in page order."""
    return [read(m.value) for m in at.markdown if 'class="kda-hc' in m.value]
