"""The Ringkasan page through AppTest, from the entrypoint, for each of the five seed cities."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from dalamangka import config, fmt
from tests.cards import card_markdown, page_cards, read
from tests.conftest import AppFactory

SEEDS = {
    "Kota Pangkal Pinang": "1971",
    "Kota Palembang": "1671",
    "Kota Medan": "1275",
    "Kota Pekalongan": "3375",
    "Kota Tanjung Pinang": "2172",
}


def card_blocks(at: AppTest) -> dict[str, Block]:
    """The card containers of the page, by the indicator they show (key ringkasan_card_<code>)."""
    found: dict[str, Block] = {}

    def walk(node: object) -> None:
        if isinstance(node, Block):
            ident = getattr(node.proto, "id", "") if node.proto is not None else ""
            if "-ringkasan_card_" in ident:
                found[ident.split("-ringkasan_card_", 1)[1]] = node
                return
            for child in node.children.values():
                walk(child)

    walk(at.main)
    return found


def expected_rank(
    con: duckdb.DuckDBPyConnection, kode: str, slot: tuple[str, ...]
) -> tuple[str, int, int, int] | None:
    """(series, year, rank, n) computed here straight from facts_all: the latest year in which at
    least 80 % of the 98 kota have the figure and the city too; ties go to the earlier series."""
    best = None
    for code in slot:
        row = con.execute(
            """
            with peers as (
                select f.tahun, f.kode, f.nilai, i.higher_is_better as hib
                from facts_all f join regions r on r.kode = f.kode join indicators i on i.code = f.indicator
                where f.indicator = ? and f.periode = 0 and r.level = 'kota' and r.is_current
            ), years as (
                select tahun from peers group by tahun
                having count(*) >= 0.8 * 98 and count(*) >= 2 and bool_or(kode = ?)
            ), ranked as (
                select tahun, kode, count(*) over (partition by tahun) as n,
                    rank() over (
                        partition by tahun order by case when hib = false then nilai else -nilai end
                    ) as rk
                from peers where tahun = (select max(tahun) from years)
            )
            select tahun, rk, n from ranked where kode = ?
            """,
            [code, kode, kode],
        ).fetchone()
        if row is not None and (best is None or row[0] > best[1]):
            best = (code, int(row[0]), int(row[1]), int(row[2]))
    return best


@pytest.mark.parametrize("name", list(SEEDS))
def test_cards_show_real_figures_with_sources_and_ranks(
    app: AppFactory, full: duckdb.DuckDBPyConnection, name: str
) -> None:
    at = app(kota=name)
    kode = SEEDS[name]
    assert at.title[0].value == f"Ringkasan {name}"
    blocks = card_blocks(at)
    assert len(blocks) >= 8
    slot_of = {code: slot for slot in config.HEADLINE_SLOTS for code in slot}
    meta = {
        r[0]: r[1:]
        for r in full.execute("select code, short_id, name_id, unit_id, decimals from indicators").fetchall()
    }
    for code, block in blocks.items():
        short, long_name, unit, dec = meta[code]
        slot = slot_of[code]
        # the figure: the newest of the slot's series for the city, as the warehouse holds it
        newest = full.execute(
            "select indicator, tahun, nilai from facts_all where kode = ? and periode = 0 "
            "and list_contains(?, indicator) order by tahun desc",
            [kode, list(slot)],
        ).fetchall()
        year = newest[0][1]
        assert code in {r[0] for r in newest if r[1] == year}, code
        value = next(r[2] for r in newest if r[0] == code and r[1] == year)
        card = read(card_markdown(block))
        assert card["indicator"] == [code]
        if len(fmt.unit_label(unit)) > 8:
            assert (card["name"], card["value"]) == (
                [f"{short} ({fmt.unit_label(unit)})"],
                [fmt.number(value, dec, "id")],
            )
        else:
            assert (card["name"], card["value"]) == ([short], [fmt.value(value, unit, dec, "id")])
        smalls = card.get("small", [])
        # the year, visibly, in a coloured badge
        assert card["badge"][0].startswith(f"{year} · "), (code, card["badge"])
        # the series is named wherever the concept has another series for the city or the rank
        if f"Seri: {long_name}" not in smalls:
            assert {r[0] for r in newest} == {code}
        # the rank: the series, year, rank and group size computed here from facts_all
        want = expected_rank(full, kode, slot)
        ranks = card.get("rank", [])
        if want is None:
            assert ranks == [], code
        else:
            series, ryear, rank, n = want
            assert n >= 0.8 * 98
            (text,) = ranks
            assert text.startswith(("Peringkat", "Terbesar")), text
            assert f"ke-{rank} dari {n} " in text, (code, text, want)
            assert f"({ryear})" in text or f"yang punya angka {ryear} " in text, (code, text, want)
            if series != code:
                assert any(meta[series][1] in c for c in smalls), code
        assert len(card["source"]) == 1 and card["source"][0].startswith("Sumber: ")
        links = [(link.proto.page, link.proto.query_string) for link in block.get("page_link")]
        assert links[0] == ("tren", f"kota={kode}&ind={code}&lang=id")
        assert links[1][0] == "bandingkan"
        # "Catat": the Catatan page opened on this figure (indicator x region x card's year)
        year_shown = int(card["badge"][0].split(" · ")[0])
        assert links[2] == ("catatan", f"kota={kode}&ind={code}&wilayah={kode}&tahun={year_shown}&lang=id")
    # policy order: IPM first
    assert next(iter(blocks)) in config.HEADLINE_SLOTS[0]


def test_english_switch_and_missing_indicator(app: AppFactory) -> None:
    at = app(kota="Kota Medan", lang="English")
    assert at.title[0].value == "Overview of Kota Medan"
    cards = page_cards(at)
    assert ["2,510,147 people"] in [c["value"] for c in cards]
    assert all(c["source"][0].startswith("Source: ") for c in cards)
    # Medan has no economic growth figure in the shipped data: said, not shown as zero
    assert "Economic growth" in at.warning[0].value
    assert any(c.get("rank", [""])[0].startswith("Ranked 24th of 98 cities (2021)") for c in cards)


def test_default_city_is_pangkalpinang(app: AppFactory) -> None:
    at = app()
    assert at.title[0].value == "Ringkasan Kota Pangkal Pinang"
    assert at.selectbox(key="kota").value == "1971"


def test_every_page_renders_for_each_seed_city(app: AppFactory) -> None:
    for name in SEEDS:
        for page in ("pages/peta.py", "pages/tren.py", "pages/bandingkan.py", "pages/katalog.py",
                     "pages/kualitas.py", "pages/impor.py", "pages/presentasi.py"):  # fmt: skip
            at = app(page=page, kota=name)
            assert not at.exception, (page, name)
            heading = [
                h.value for h in [*at.title, *at.subheader, *at.markdown]
            ]  # chart-first pages: compact
            assert any(name in h for h in heading) or page.endswith(
                ("katalog.py", "impor.py", "presentasi.py")
            ), (
                page,
                name,
            )
            assert at.title or at.subheader or page.endswith("bandingkan.py"), (page, name)


def test_first_start_builds_a_missing_warehouse(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    target = tmp_path / "fresh" / "warehouse.duckdb"
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(target))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.query_params["kota"] = "Kota Pekalongan"
    at.run()
    assert not at.exception
    assert target.is_file()
    assert at.title[0].value == "Ringkasan Kota Pekalongan"
    assert len(page_cards(at)) >= 5


def test_sidebar_choices_drive_the_page_and_survive_a_page_switch(app: AppFactory) -> None:
    at = app()
    at.selectbox(key="kota").set_value("1275").run()
    assert at.title[0].value == "Ringkasan Kota Medan"
    at.button_group(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview of Kota Medan"
    at.switch_page("pages/tren.py")
    at.run()
    assert at.title[0].value == "Trend of Kota Medan"
    assert (at.selectbox(key="kota").value, at.button_group(key="lang").value) == ("1275", "en")


def test_age_structure_is_drawn_only_when_opened(app: AppFactory) -> None:
    """The leaders' cards first: the age structure (one Vega chart per series) waits in a closed
    expander and is drawn, with its source, once the reader opens it (issue 14)."""
    at = app(kota="Kota Medan")
    assert not at.get("vega_lite_chart")
    assert not any(c.value.startswith("Sumber: ") for c in at.caption)  # the cards' are in their HTML
    assert "ringkasan_umur_buka" in at.session_state  # the closed expander is there
    at.session_state["ringkasan_umur_buka"] = True
    at.run()
    assert len(at.get("vega_lite_chart")) >= 1 and not at.exception
    assert any(c.value.startswith("Sumber: ") for c in at.caption)  # each chart names its source
