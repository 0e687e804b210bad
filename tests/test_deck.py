"""Decks: the JSON file and link formats, slide links, the renderer (with its fallbacks for pages
still being built), and the shipped example decks (regenerated from the warehouse)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from dalamangka import config, deck, sql, state
from dalamangka.views import tren
from tests.test_page_tren_groups import kota_with

SLIDE = deck.Slide(
    page="tren",
    params={"kota": "Kota Medan", "tren_indikator": "TPT", "tren_wilayah": ["Kota Bogor", "Kota Depok"]},
    title={"id": "TPT Medan", "en": "Medan unemployment"},
    message="Pesan",
)


def fetcher(con: duckdb.DuckDBPyConnection) -> deck.Fetch:
    def fetch(name: str, **params: Any) -> pd.DataFrame:
        return sql.run(con, name, **params)

    return fetch


def test_json_file_round_trip_keeps_order_params_and_both_languages() -> None:
    d = deck.Deck(title="Dek", slides=(SLIDE, deck.Slide("ringkasan", {"kota": "Kota Medan"}, "Kartu")))
    again = deck.loads(deck.dumps(d))
    assert again == d
    raw = json.loads(deck.dumps(d))
    assert raw["format"] == "dalamangka-deck" and raw["version"] == 1
    assert [s["page"] for s in raw["slides"]] == ["tren", "ringkasan"]
    assert deck.text(again.slides[0].title, "en") == "Medan unemployment"
    assert deck.text(again.slides[0].title, "id") == "TPT Medan"


def test_link_packing_round_trip_and_damaged_links() -> None:
    d = deck.Deck(title="Dek", slides=(SLIDE,) * 10)
    packed = deck.encode(d)
    assert deck.decode(packed) == d
    assert all(c.isalnum() or c in "-_" for c in packed)
    assert len(packed) < 1000  # ten slides fit comfortably in a link
    with pytest.raises(deck.DeckError):
        deck.decode("not-a-deck")
    with pytest.raises(deck.DeckError):
        deck.decode(packed[:-12])


@pytest.mark.parametrize(
    "raw",
    [
        "{",
        "[]",
        '{"slides": {}}',
        '{"format": "other", "slides": []}',
        '{"slides": [{"page": "admin", "params": {}}]}',
        '{"slides": [{"page": "tren", "params": {"x": {"y": 1}}}]}',
        '{"slides": [{"page": "tren", "params": {}, "title": 3}]}',
    ],
)
def test_bad_deck_files_are_refused_with_a_reason(raw: str) -> None:
    with pytest.raises(deck.DeckError):
        deck.loads(raw)


def test_slide_url_is_the_views_own_link(monkeypatch: pytest.MonkeyPatch) -> None:
    assert deck.slide_url(SLIDE, "http://x:8501/") == (
        "http://x:8501/tren?kota=Kota+Medan&tren_indikator=TPT&tren_wilayah=Kota+Bogor&tren_wilayah=Kota+Depok"
    )
    monkeypatch.delenv("DALAMANGKA_PUBLIC_URL", raising=False)
    assert deck.slide_url(SLIDE).startswith("http://localhost:8501/tren?")
    # the presenter's browser address is used when no public address is configured
    assert deck.public_url("http://192.168.1.20:8600/") == "http://192.168.1.20:8600"
    assert deck.public_url("http://192.168.1.20:8600/presentasi") == "http://192.168.1.20:8600"
    assert deck.public_url("https://pemkot.go.id/dasbor/tren") == "https://pemkot.go.id/dasbor"
    assert deck.is_loopback("http://localhost:8501") and deck.is_loopback("http://127.0.0.1:9000")
    assert deck.is_loopback("http://[::1]:8501") and not deck.is_loopback("http://192.168.1.20:8600")
    command = deck.serve_command(8600, "192.168.1.20")
    assert command.startswith("DALAMANGKA_PUBLIC_URL=http://192.168.1.20:8600 ")
    assert command.endswith("streamlit run app.py --server.address 0.0.0.0 --server.port 8600")
    monkeypatch.setenv("DALAMANGKA_PUBLIC_URL", "https://data.example.go.id/dasbor/")
    assert deck.slide_url(SLIDE).startswith("https://data.example.go.id/dasbor/tren?kota=Kota+Medan")
    assert deck.public_url("http://192.168.1.20:8600") == "https://data.example.go.id/dasbor"
    assert deck.deck_url(deck.Deck("d", (SLIDE,))).startswith(
        "https://data.example.go.id/dasbor/presentasi?dek=z%3A"
    )


def test_old_label_style_slide_params_decode_to_codes(full: duckdb.DuckDBPyConnection) -> None:
    v = state.vocab(fetcher(full))
    common, page_state, notices = deck.slide_params(SLIDE, "en", v)
    assert common == state.Common("1275", "en") and not notices
    assert page_state == state.Tren(ind="tpt", wilayah=("3271", "3276"))
    slide = deck.view_slide(tren.build(common, page_state, fetcher(full)))
    assert slide.params == {"kota": "1275", "ind": "tpt", "wilayah": ["3271", "3276"]}  # codes, no language
    url = deck.slide_url(slide, "http://h", "id")
    assert url == "http://h/tren?kota=1275&ind=tpt&wilayah=3271&wilayah=3276&lang=id"


def test_deck_editing_moves_deletes_and_replaces() -> None:
    a, b, c = (deck.Slide("ringkasan", {"kota": k}, k) for k in ("A", "B", "C"))
    d = deck.Deck("d", (a, b, c))
    assert [s.title for s in d.moved(2, -1).slides] == ["A", "C", "B"]
    assert [s.title for s in d.moved(0, -1).slides] == ["A", "B", "C"]
    assert [s.title for s in d.without(1).slides] == ["A", "C"]
    assert d.replaced(0, c).slides[0] == c
    assert d.add(a).slides[-1] == a


def test_resolve_picks_shipped_mine_or_a_link() -> None:
    shipped = {"medan": deck.Deck("Medan", (SLIDE,))}
    mine = deck.Deck("Saya")
    assert deck.resolve("medan", shipped, mine, "medan")[1].title == "Medan"
    assert deck.resolve("saya", shipped, mine, "medan")[1] is mine
    assert deck.resolve(None, shipped, mine, "medan")[0] == "medan"
    key, got, problem = deck.resolve("z:" + deck.encode(mine.add(SLIDE)), shipped, mine, "medan")
    assert key.startswith("z:") and got.slides == (SLIDE,) and not problem
    key, got, problem = deck.resolve("z:broken", shipped, mine, "medan")
    assert key == "medan" and problem
    # a city without an example deck (e.g. Kota Bogor): the first example, or My deck once it has slides
    assert deck.resolve(None, shipped, mine, "3271")[0] == "medan"
    assert deck.resolve(None, shipped, mine.add(SLIDE), "3271")[0] == "saya"


def test_table_lists_slides_with_their_links() -> None:
    table = deck.table(deck.Deck("d", (SLIDE,)), "en", "http://h")
    assert list(table.columns) == ["No", "Page", "Title", "Key message", "Link"]
    assert table.iloc[0].tolist()[:4] == [1, "Trends", "Medan unemployment", "Pesan"]
    assert table.iloc[0].Link.startswith("http://h/tren?")


# --- rendering ---------------------------------------------------------------------------------


def test_headline_card_slide_shows_cards_and_their_sources(tiny: duckdb.DuckDBPyConnection) -> None:
    shown = deck.render(
        deck.Slide("ringkasan", {"kota": "Kota Medan"}, "Medan"), deck.Env(fetcher(tiny), "id")
    )
    assert shown.cards and shown.figure is None and not shown.note
    assert len(shown.cards) <= deck.MAX_CARDS
    for card in shown.cards:
        assert all(c in shown.source for c in (*card.cites, *card.rank_cites))
    assert shown.url.endswith("/ringkasan?kota=1275&lang=id")


def test_a_card_slide_names_each_source_of_its_cards_once(full: duckdb.DuckDBPyConnection) -> None:
    """Pekalongan's cards come from a handful of sources, several of them on every card (its
    Dalam Angka table). The slide's source line names each source of the six cards it shows once
    (their own first, then those of the figures their ranks compare with), and none that only
    the cards left off the slide use."""
    env = deck.Env(fetcher(full), "id")
    shown = deck.render(deck.Slide("ringkasan", {"kota": "3375"}, "Pekalongan"), env)
    assert len(shown.cards) == deck.MAX_CARDS
    own, _, ranks = shown.source.partition(" · Peringkat: ")
    cites = {c for card in shown.cards for c in (*card.cites, *card.rank_cites)}
    for c in cites:  # once, however many cards name it (a cite inside a longer one is counted there)
        longer = sum(shown.source.count(o) for o in cites if o != c and c in o)
        assert shown.source.count(c) - longer == 1, c
    assert all(c in own for card in shown.cards for c in card.cites)
    assert ranks and all(c in shown.source for card in shown.cards for c in card.rank_cites)
    assert shown.view is not None
    rest = {c for card in shown.view.cards[deck.MAX_CARDS :] for c in (*card.cites, *card.rank_cites)} - cites
    assert rest and not any(c in shown.source for c in rest)  # sources of cards not on the slide


def test_trend_slide_draws_the_tren_chart_in_projector_style(tiny: duckdb.DuckDBPyConnection) -> None:
    slide = deck.Slide("tren", {"kota": "Kota Medan", "tren_indikator": "IPM"}, "IPM")
    shown = deck.render(slide, deck.Env(fetcher(tiny), "en"))
    assert shown.figure is not None and not shown.note
    # Tren draws Vega-Lite (issue 14); the slide gets its projector variant
    assert isinstance(shown.figure, dict)
    names = {r["seri"] for r in shown.figure["data"]["values"]}
    assert any("Kota Medan" in n for n in names)
    assert shown.figure["config"]["locale"]["number"]["decimal"] == "."
    assert shown.figure["config"]["axis"]["labelFontSize"] >= 20
    assert "[S01]" in shown.source


def test_a_slide_whose_view_fails_degrades_to_a_clear_note(
    tiny: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dalamangka.views import bandingkan

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise LookupError("ipm")

    monkeypatch.setattr(bandingkan, "build", broken)
    slide = deck.Slide("bandingkan", {"kota": "1275"}, "Judul", "Pesan")
    shown = deck.render(slide, deck.Env(fetcher(tiny), "id"))
    assert shown.figure is None and not shown.cards
    assert "tidak dapat digambar" in shown.note and "ipm" in shown.note
    assert shown.title == "Judul" and shown.message == "Pesan"
    assert shown.url.startswith("http")


def test_decks_are_stored_by_a_short_id_for_short_links(tmp_path: Path) -> None:
    d = deck.Deck("d", (SLIDE,))
    key = deck.store(d, tmp_path)
    assert len(key) == 10 and deck.store(d, tmp_path) == key  # same deck, same id
    assert deck.stored(key, tmp_path) == d
    for bad in ("../../etc/passwd", "0" * 10, "x" * 5000):
        with pytest.raises(deck.DeckError):
            deck.stored(bad, tmp_path)
    link = deck.landing_url("http://192.168.1.20:8600", "s:" + key, 3, "id")
    assert link == f"http://192.168.1.20:8600/presentasi?dek=s%3A{key}&slide=3&lihat=1&lang=id"
    assert len(link) < 90


def test_unknown_city_is_said_not_guessed(tiny: duckdb.DuckDBPyConnection) -> None:
    shown = deck.render(
        deck.Slide("ringkasan", {"kota": "Kota Atlantis"}, "X"), deck.Env(fetcher(tiny), "id")
    )
    assert shown.figure is None and not shown.cards
    assert "Kota Atlantis" in shown.note and "tidak dikenal" in shown.note


# --- the example decks -------------------------------------------------------------------------


def test_one_example_deck_per_seed_city_ships() -> None:
    shipped = deck.examples()
    assert list(shipped) == [deck.slug(k) for k in config.SEED_CITIES]
    for path in (config.DATA_DIR / "decks").glob("*.json"):
        assert deck.loads(path.read_text(encoding="utf-8")).slides


def test_example_decks_are_exactly_what_the_warehouse_generates(full: duckdb.DuckDBPyConnection) -> None:
    """Every title and message is written by templates from the warehouse's figures: the shipped
    files equal a fresh generation (no number typed by hand)."""
    for kode in config.SEED_CITIES:
        path = Path(config.DATA_DIR / "decks" / f"{deck.slug(kode)}.json")
        fresh = deck.dumps(deck.example_deck(fetcher(full), kode))
        assert path.read_text(encoding="utf-8") == fresh, f"{path}: run python -m dalamangka.deck examples"


def test_example_messages_state_warehouse_figures(full: duckdb.DuckDBPyConnection) -> None:
    medan = deck.examples()["medan"]
    tren = next(s for s in medan.slides if s.page == "tren" and s.params.get("ind") == "ipm")
    first, last = full.execute(
        "select min_by(nilai, tahun), max_by(nilai, tahun) from facts_all "
        "where indicator = 'ipm' and kode = '1275' and periode = 0"
    ).fetchone() or (None, None)
    message = deck.text(tren.message, "id")
    assert f"{first:.2f}".replace(".", ",") in message and f"{last:.2f}".replace(".", ",") in message


@pytest.mark.parametrize("name", ["pangkalpinang", "medan", "tanjungpinang"])
def test_every_example_slide_renders_a_chart_with_its_source(
    full: duckdb.DuckDBPyConnection, name: str
) -> None:
    for lang in ("id", "en"):
        for slide in deck.examples()[name].slides:
            shown = deck.render(slide, deck.Env(fetcher(full), lang))
            assert shown.has_chart and not shown.note, (slide.page, shown.note)
            assert shown.source and shown.title and shown.message


def test_an_old_tren_slide_with_set_draws_the_regions_of_its_group(full: duckdb.DuckDBPyConnection) -> None:
    """Decks saved before ``grup=`` hold ``set=provinsi``: the slide still draws the province's
    kota, exactly as the ``grup=provinsi`` slide does (views.comparison.legacy)."""
    env = deck.Env(fetcher(full), "id")
    old = deck.render(deck.Slide("tren", {"kota": "1275", "ind": "tpt", "set": "provinsi"}, "TPT"), env)
    new = deck.render(deck.Slide("tren", {"kota": "1275", "ind": "tpt", "grup": "provinsi"}, "TPT"), env)
    assert not old.note and isinstance(old.figure, dict) and isinstance(new.figure, dict)
    expected = kota_with(full, "tpt", "r.provinsi = '12'")  # the kota of Sumatera Utara with a TPT
    drawn = {v["kode"] for v in old.figure["data"]["values"]}
    assert len(expected) >= 5 and drawn == expected == {v["kode"] for v in new.figure["data"]["values"]}
