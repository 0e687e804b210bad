"""The Ringkasan page through AppTest, from the entrypoint, for each of the five seed cities."""

from __future__ import annotations

import duckdb
import pytest

from dalamangka import fmt
from tests.conftest import AppFactory

SEEDS = {
    "Kota Pangkal Pinang": "1971",
    "Kota Palembang": "1671",
    "Kota Medan": "1275",
    "Kota Pekalongan": "3375",
    "Kota Tanjung Pinang": "2172",
}


@pytest.mark.parametrize("name", list(SEEDS))
def test_cards_show_real_figures_with_sources_and_ranks(
    app: AppFactory, full: duckdb.DuckDBPyConnection, name: str
) -> None:
    at = app(kota=name)
    assert at.title[0].value == f"Ringkasan {name}"
    metrics = {m.label: m.value for m in at.metric}
    assert len(metrics) >= 5
    # each card's value equals the warehouse figure of that indicator and year
    rows = full.execute(
        "select i.short_id, f.tahun, f.nilai, i.unit_id, i.decimals from facts_all f "
        "join indicators i on i.code = f.indicator where f.kode = ? and f.periode = 0",
        [SEEDS[name]],
    ).fetchall()
    expected = {}
    for short, year, value, unit, dec in rows:
        if len(fmt.unit_label(unit)) > 8:  # long units are printed in the label, not the value
            expected[f"{short} ({fmt.unit_label(unit)}) · {year}"] = fmt.number(value, dec, "id")
        else:
            expected[f"{short} · {year}"] = fmt.value(value, unit, dec, "id")
    for label, value in metrics.items():
        assert expected[label] == value, label
    captions = [c.value for c in at.caption]
    # one source line per card, and one under each age-structure chart (BPS 2025, Dukcapil Sem I 2024)
    assert sum(c.startswith("Sumber: ") for c in captions) == len(metrics) + 2
    assert any("dari 98 kota" in c for c in captions)


def test_english_switch_and_missing_indicator(app: AppFactory) -> None:
    at = app(kota="Kota Medan", lang="English")
    assert at.title[0].value == "Overview of Kota Medan"
    values = [m.value for m in at.metric]
    assert "2,510,147 people" in values
    assert any(c.value.startswith("Source: ") for c in at.caption)
    # Medan has no economic growth figure in the shipped data: said, not shown as zero
    assert "Economic growth" in at.warning[0].value


def test_default_city_is_pangkalpinang(app: AppFactory) -> None:
    at = app()
    assert at.title[0].value == "Ringkasan Kota Pangkal Pinang"
    assert at.selectbox(key="kota").value == "1971"


def test_every_page_renders_for_each_seed_city(app: AppFactory) -> None:
    for name in SEEDS:
        for page in ("pages/peta.py", "pages/tren.py", "pages/bandingkan.py", "pages/katalog.py",
                     "pages/kualitas.py", "pages/impor.py", "pages/presentasi.py"):  # fmt: skip
            at = app(page=page, kota=name)
            assert at.title, (page, name)


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
    assert len(at.metric) >= 5


def test_sidebar_choices_drive_the_page_and_survive_a_page_switch(app: AppFactory) -> None:
    at = app()
    at.selectbox(key="kota").set_value("1275").run()
    assert at.title[0].value == "Ringkasan Kota Medan"
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview of Kota Medan"
    at.switch_page("pages/tren.py")
    at.run()
    assert at.title[0].value == "Trend of Kota Medan"
    assert (at.selectbox(key="kota").value, at.radio(key="lang").value) == ("1275", "en")
