"""The Ringkasan headline card as HTML (dalamangka/cardhtml.py): real cards read back figure for
figure, escaping under any text (one raw HTML block for CommonMark, nothing read as markdown or
math), the sparkline's year spacing and gaps, and the change's colour."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dalamangka import about, cardhtml, sql
from dalamangka.about import AboutPanel
from dalamangka.headline import Card
from dalamangka.quality import Badge
from tests.cards import read
from tests.test_headline import cards_for


def test_real_medan_ipm_card_reads_back(full: duckdb.DuckDBPyConnection) -> None:
    ipm = cards_for(full, "1275")["ipm"]
    got = read(cardhtml.card(ipm, "id"))
    assert got["indicator"] == ["ipm"]
    assert got["badge"] == ["2021 · tertinggal 4 rilis"]
    assert (got["name"], got["value"]) == (["IPM"], ["81,21"])
    assert got["delta"] == ["▲ naik +0,23 poin sejak 2020"]
    assert got["rank"] == ["Peringkat ke-24 dari 98 kota (2021) · lebih baik dari 75 %"]
    assert got["small"] == ["Di Sumatera Utara: ke-1 dari 33 kab/kota (2021)"]
    assert got["sentence"] == [ipm.sentence]
    assert got["source"] == [f"Sumber: {ipm.source}"]
    first, last = min(ipm.trend_years), max(ipm.trend_years)
    assert got["spark"] == [f"Grafik garis IPM, {first}–{last}: {len(ipm.trend_values)} angka tahunan"]
    assert "kda-hc-large" in cardhtml.card(ipm, "id")  # top of the policy order: bigger figure
    # a better-when-higher indicator that rose: the change in the "good" colour
    assert f"color:{cardhtml.GOOD}" in cardhtml.card(ipm, "id")


def test_every_seed_card_in_english_names_its_source(full: duckdb.DuckDBPyConnection) -> None:
    for kode in ("1971", "1671", "1275", "3375", "2172"):
        for card in cards_for(full, kode, "en").values():
            got = read(cardhtml.card(card, "en"))
            assert got["value"] == [card.value] and got["name"] == [card.name]
            assert got["source"] == [f"Source: {card.source}"]
            assert bool(card.delta) == ("delta" in got)
            assert (len(card.trend_values) > 1) == ("spark" in got)


def test_change_colour_follows_the_better_direction() -> None:
    assert cardhtml.delta_colour("+0,45 poin", "normal") == cardhtml.GOOD
    assert cardhtml.delta_colour("-0,45 poin", "normal") == cardhtml.BAD
    assert cardhtml.delta_colour("+2,3 %", "inverse") == cardhtml.BAD  # poverty up: worse
    assert cardhtml.delta_colour("-2,3 %", "inverse") == cardhtml.GOOD
    assert cardhtml.delta_colour("+2,3 %", "off") == cardhtml.NEUTRAL  # population: neither
    assert cardhtml.delta_colour(None, "normal") == cardhtml.NEUTRAL
    assert cardhtml.direction("−1,0 %") == "down" and cardhtml.direction("0,0") is None


def _points(svg: str) -> list[list[tuple[float, float]]]:
    return [
        [tuple(map(float, p.split(","))) for p in run.split()]  # type: ignore[misc]
        for run in re.findall(r'<polyline points="([^"]+)"', svg)
    ]


def test_sparkline_spaces_years_and_breaks_at_a_missing_year() -> None:
    svg = cardhtml.sparkline([2019, 2020, 2022, 2023], [1.0, 2.0, 3.0, 4.0], "x")
    runs = _points(svg)
    assert len(runs) == 2  # 2021 has no figure: two lines, never drawn through the gap
    (x0, _), (x1, _) = runs[0]
    (x3, _), (x4, _) = runs[1]
    assert round(x1 - x0, 1) == round(x4 - x3, 1)  # one year is one step
    assert round(x3 - x1, 1) == round(2 * (x1 - x0), 1)  # the missing year keeps its width
    assert runs[0][0][1] > runs[1][1][1]  # SVG y grows downwards: 1.0 lower than 4.0
    # a figure alone between gaps is a dot, not lost
    lone = cardhtml.sparkline([2015, 2017, 2019, 2020], [5.0, 6.0, 7.0, 8.0], "x")
    assert len(_points(lone)) == 1 and lone.count("<line ") == 3  # 2 lone dots + the last point
    assert cardhtml.sparkline([2020], [1.0], "x") == ""
    flat = _points(cardhtml.sparkline([2020, 2021], [3.0, 3.0], "x"))
    assert {y for _, y in flat[0]} == {20.0}  # a constant series sits in the middle


TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(name=TEXTS, value=TEXTS, source=TEXTS, sentence=TEXTS, rank=TEXTS)
def test_any_text_stays_one_escaped_html_block(
    name: str, value: str, source: str, sentence: str, rank: str
) -> None:
    base = Card(
        indicator="ipm", title="IPM", label="IPM · 2021", value="1", year=2021, delta="+1 poin",
        delta_color="normal", since="sejak 2020", rank=None, rank_order="", sentence="", source="",
        status=None, definition="", trend_years=[2020, 2021], trend_values=[1.0, 2.0], name="IPM",
    )  # fmt: skip
    card = dataclasses.replace(
        base, name=name, value=value, source=source, sentence=sentence, rank=rank, status=name
    )
    body = cardhtml.card(card, "id", css=True)
    assert "\n" not in body and "$" not in body
    tokens = [t.type for t in MarkdownIt("commonmark").parse(body)]
    assert tokens == ["html_block"]  # never read as markdown
    got = read(body)

    def norm(s: str) -> str:
        return " ".join(s.split())

    assert got["name"] == [norm(name)] and got["value"] == [norm(value)]
    assert got["source"] == [norm(f"Sumber: {source}")]
    assert got["badge"][1] == norm(name)  # the status badge
    assert got.get("sentence", [""]) == [norm(sentence)] or not norm(sentence)
    assert got.get("rank", [""]) == [norm(rank)] or not norm(rank)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


@settings(max_examples=150, deadline=None)
@given(title=TEXTS, heading=TEXTS, body=TEXTS, key=TEXTS, value=TEXTS, flag=TEXTS)
def test_about_panel_is_a_closed_disclosure_inside_the_card_block(
    title: str, heading: str, body: str, key: str, value: str, flag: str
) -> None:
    """Any metadata text (a real caveat holds ``<``, ``$``, newlines, "- " lists) stays inside the
    card's one raw HTML block, escaped, as a closed ``<details>`` whose summary names the badges."""
    panel = AboutPanel(
        "ipm", title, [(heading, body), ("Catatan", f"- {body}\n- {value}")],
        [Badge("status", flag, "orange", "help")], [(key, value), ("", value)],
    )  # fmt: skip
    ipm = Card(
        indicator="ipm", title="IPM", label="IPM · 2021", value="1", year=2021, delta=None,
        delta_color="normal", since="", rank=None, rank_order="", sentence="", source="S",
        status=None, definition="", trend_years=[], trend_values=[], name="IPM",
    )  # fmt: skip
    html = cardhtml.about(panel, "katalog?ind=ipm&kota=1275&lang=id", "id")
    block = cardhtml.card(ipm, "id", about_html=html)
    assert "\n" not in block and "$" not in block
    assert [t.type for t in MarkdownIt("commonmark").parse(block)] == ["html_block"]
    assert html.startswith('<details class="kda-about"><summary>') and " open" not in html.split(">")[0]
    parsed = _Text()
    parsed.feed(html)
    assert [
        t
        for t in parsed.tags
        if t not in ("details", "summary", "div", "p", "b", "br", "ul", "li", "span", "a")
    ] == []

    def norm(s: str) -> str:
        return " ".join(s.split())

    text = norm(" ".join(parsed.chunks))
    for part in (title, heading, flag):
        assert norm(part) in text
    assert norm(value) in text  # in the "Catatan" list; the form's fields are a link away
    assert 'href="katalog?ind=ipm&amp;kota=1275&amp;lang=id"' in html
    assert parsed.chunks[0] == norm(f"Tentang data · {flag}") or not norm(flag)
    assert read(block)["source"] == ["Sumber: S"]  # the card reads back unchanged


def test_real_about_panel_lists_caveats(full: duckdb.DuckDBPyConnection) -> None:
    panel = about.build_panel(
        sql.run(full, "about_indicator", indicator="ipm"),
        sql.run(full, "about_figures", indicator="ipm", kode="1275"),
        "Kota Medan", 2026,
    )  # fmt: skip
    html = cardhtml.about(panel, "katalog?ind=ipm&kota=1275&lang=id", "id")
    caveats = html[html.index("<b>Catatan dan peringatan</b>") :]
    assert caveats.startswith("<b>Catatan dan peringatan</b></p><ul><li>Seri lain untuk konsep yang sama: ")
    assert "<summary>Tentang data · " in html and "angka sementara" not in html.split("</summary>")[0]
