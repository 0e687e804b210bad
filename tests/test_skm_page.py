"""The Kepuasan layanan page: a city with SKM results, a city with only a reported figure, and a
city without any (the empty state), through AppTest and once in a real browser.

The imported sheets are test inputs constructed here (unit names of the kind a city has, answers
and NRR made up); they exist only in the test warehouse, never in data/.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest, app_test

from dalamangka import export
from dalamangka.auth import Session
from dalamangka.importer import SourceGiven
from dalamangka.importer import skm as skm_import
from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium, streamlit_server
from tests.conftest import ROOT, _WarmPagesManager

TODAY = dt.date(2026, 11, 27)
HEAD = (
    "kode_wilayah,opd,unit_layanan,tahun,periode,populasi,responden,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis_kelamin"
)
KTP = "1971,Dinas Kependudukan dan Pencatatan Sipil,Layanan KTP-el,2024,semester 1,20"
ANSWERS = ["4,3,3,4,3,4,4,2,3,P", "3,3,2,4,3,3,4,3,3,L", "4,4,3,4,4,4,4,3,4,P", "3,2,2,4,3,3,3,2,3,L"]
NRR_ROWS = [  # unit, OPD, year, period, respondents, population, NRR U1..U9
    ("Layanan KTP-el", "Dinas Kependudukan dan Pencatatan Sipil", 2024, "semester 2", 120, 150,
     [3.6, 3.5, 3.1, 3.9, 3.5, 3.6, 3.7, 3.2, 3.4]),
    ("Perizinan berusaha", "Dinas Penanaman Modal dan PTSP", 2024, "semester 2", 300, 1200,
     [3.7, 3.6, 3.5, 3.9, 3.6, 3.7, 3.8, 3.4, 3.6]),
    ("Pelayanan rawat jalan", "Dinas Kesehatan", 2024, "semester 2", 90, 400,
     [2.9, 2.8, 2.4, 3.5, 2.9, 3.1, 3.2, 2.5, 2.7]),
]  # fmt: skip


@pytest.fixture(scope="session")
def skm_warehouse(full_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped warehouse plus two constructed SKM sheets for Kota Pangkal Pinang."""
    folder = tmp_path_factory.mktemp("skm")
    target = folder / "warehouse.duckdb"
    shutil.copyfile(full_warehouse, target)
    resp = folder / "responden.csv"
    resp.write_text(
        "\n".join([HEAD, *(f"{KTP},R{i + 1},{a}" for i, a in enumerate(ANSWERS))]) + "\n", "utf-8"
    )
    wb = Workbook()
    ws = wb.active
    ws.append(list(skm_import.NRR_COLUMNS))
    for unit, opd, year, period, n, pop, values in NRR_ROWS:
        for i, v in enumerate(values, start=1):
            ws.append(["1971", opd, unit, year, period, n, pop, f"U{i}", None, v, None, None])
    wb.save(folder / "nrr.xlsx")
    who = Session("ani", "walidata", None, None)
    for path in (resp, folder / "nrr.xlsx"):
        plan = skm_import.prepare(path, target, today=TODAY)
        skm_import.commit(plan, who, SourceGiven("Uji", "Lembar uji SKM"), target, keep_journal=False)
    return target


@pytest.fixture
def skm_app(skm_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(skm_warehouse))
    monkeypatch.setattr(app_test, "PagesManager", _WarmPagesManager)

    def make(**params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page("pages/kepuasan.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def test_city_with_results(skm_app: Callable[..., AppTest]) -> None:
    at = skm_app(kota="Kota Pangkal Pinang")
    assert at.title[0].value == "Kepuasan layanan Kota Pangkal Pinang"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "IKM tingkat kota (unit tidak dirinci sumber)": "93,4",
        "Layanan KTP-el": "87,50",  # latest: Semester II 2024 (NRR sheet), not Semester I
        "Perizinan berusaha": "91,11",
        "Pelayanan rawat jalan": "72,22",
    }
    unit = at.selectbox(key="kepuasan_unit")
    assert unit.value == "1971-dinas-kependudukan-dan-pencatatan-sipil-layanan-ktp-el"
    profile = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert (
        profile["layer"][0]["encoding"]["y"]["sort"][0] == "U3 Waktu penyelesaian"
    )  # weakest first (NRR 3,1)
    assert "Responden 120 memenuhi sampel minimum 108 untuk populasi 150" in at.success[0].value
    ranking = at.table[0].value
    assert list(ranking["Unit layanan"]) == ["Perizinan berusaha", "Layanan KTP-el", "Pelayanan rawat jalan"]
    assert list(ranking["Mutu"]) == ["A", "B", "C"]
    opd = at.table[1].value
    assert next(iter(opd["OPD"])) == "Dinas Penanaman Modal dan PTSP"
    # no grid and no code block until asked for (issue 14: their JavaScript is 1.2-1.6 MB each)
    assert not at.dataframe and not at.code
    at.session_state["kepuasan_laporan_buka"] = True
    at.session_state["kepuasan_umumkan_buka"] = True
    at.run()
    text = at.code[-1].value
    assert text.startswith("HASIL SURVEI KEPUASAN MASYARAKAT (SKM)\nLayanan KTP-el\n")
    assert "Nilai IKM: 87,50 (skala 25-100)\nMutu pelayanan: B\nKinerja unit pelayanan: Baik" in text
    assert "Unsur dengan nilai terendah: U3 Waktu penyelesaian (NRR 3,100)" in text
    # the period's report in the layout a unit publishes
    table = at.dataframe[0].value
    assert list(table.columns[:5]) == ["Unit layanan", "OPD", "Periode", "Responden", "NRR U1"]
    assert list(table["Nilai IKM (25-100)"]) == ["87,50", "72,22", "91,11"]  # OPD order, written through fmt
    # another unit, the earlier period: respondents below Krejcie-Morgan
    unit.set_value("1971-dinas-kesehatan-pelayanan-rawat-jalan").run()
    assert "Responden 90 di bawah sampel minimum 196 untuk populasi 400" in at.warning[0].value
    at.selectbox(key="kepuasan_periode").set_value("Semester I 2024").run()
    assert list(at.dataframe[0].value["Nilai IKM (25-100)"]) == ["81,25"]


def test_xlsx_report_layout() -> None:
    import pandas as pd

    from dalamangka import skm_report

    table = pd.DataFrame({"Unit layanan": ["A"], "Nilai IKM (25-100)": [87.22]})
    sheets = export.read_xlsx(skm_report.report_xlsx(table, "Kota Pangkal Pinang", "Semester II 2024", "id"))
    assert list(sheets) == ["Hasil SKM", "Keterangan"]
    assert sheets["Hasil SKM"].to_dict("records") == [{"Unit layanan": "A", "Nilai IKM (25-100)": 87.22}]
    assert "88,31-100" in sheets["Keterangan"].iloc[1, 1]


def test_reported_figure_only_and_english(skm_app: Callable[..., AppTest]) -> None:
    at = skm_app(kota="Kota Pekalongan", lang="English")
    assert {m.label: m.value for m in at.metric} == {
        "BPS Kota Pekalongan (unit layanan tidak dirinci sumber)": "93.16"
    }
    assert at.info[0].value == "No scores per element: the source reports the total only."
    assert ":gray-badge[sangat baik (as reported)]" in [m.value for m in at.markdown]
    assert at.caption[-1].value.startswith("Only results computed from the elements")


def test_city_without_results_explains_how_to_import(skm_app: Callable[..., AppTest]) -> None:
    at = skm_app(kota="Kota Medan")
    assert at.info[0].value.startswith("Belum ada hasil SKM untuk Kota Medan di gudang data.")
    assert "python -m dalamangka import BERKAS.xlsx" in at.markdown[0].value
    assert "Kota Pangkal Pinang" in at.caption[-1].value and "Kota Pekalongan" in at.caption[-1].value
    assert not at.metric and not at.get("vega_lite_chart") and not at.get("plotly_chart")


@pytest.mark.browser
def test_browser_city_with_and_without_results(skm_warehouse: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with streamlit_server(skm_warehouse) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 2400})
        page.goto(f"{base}/kepuasan?kota=Kota+Pangkal+Pinang", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(".vega-embed svg", timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_role("heading", name="Kepuasan layanan Kota Pangkal Pinang").is_visible()
        assert page.get_by_text("Perizinan berusaha").first.is_visible()
        page.wait_for_function(
            "() => document.querySelectorAll('.vega-embed svg').length === 2", timeout=30_000
        )
        assert page.locator(".js-plotly-plot").count() == 0  # Vega-Lite: profile and trend (issue 14)
        ticks = page.locator(".vega-embed svg").first.locator(".role-axis-label text")
        top = sorted(
            (t.bounding_box()["y"], t.text_content() or "")  # type: ignore[index]
            for t in ticks.all()
            if (t.text_content() or "").startswith("U")
        )
        assert top[0][1].startswith("U3") and top[-1][1].startswith("U4")  # weakest on top, strongest last
        page.goto(f"{base}/kepuasan?kota=Kota+Medan", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.get_by_text("Belum ada hasil SKM untuk Kota Medan").wait_for(timeout=60_000)
        # the template buttons come with their own JavaScript: wait for them, then check
        template = page.get_by_role("button", name="Templat NRR per unsur (CSV)")
        template.wait_for(timeout=30_000)
        assert template.is_visible()
        assert page.locator(".vega-embed").count() == 0
        browser.close()


KTP_ID = "1971-dinas-kependudukan-dan-pencatatan-sipil-layanan-ktp-el"
RAWAT_ID = "1971-dinas-kesehatan-pelayanan-rawat-jalan"


def test_unit_profile_as_a_slide(skm_warehouse: Path, skm_app: Callable[..., AppTest]) -> None:
    """Issue 17: a unit's profile is added to a deck like any other view; the slide draws the
    page's own View (same figure data, title, message, source), plays, and links back."""
    import json

    from dalamangka import deck, sql, state
    from dalamangka.importer import read_only
    from dalamangka.views import figure_data
    from dalamangka.views import kepuasan as kepuasan_view

    at = skm_app(kota="Kota Pangkal Pinang")
    at.selectbox(key="kepuasan_unit").set_value(RAWAT_ID).run()
    assert at.query_params["unit"] == RAWAT_ID  # the unit is a code in the link
    at.button(key="deck_add_kepuasan").click().run()
    mine = at.session_state["_presentasi_deck"]
    title = "Kepuasan layanan Kota Pangkal Pinang: Pelayanan rawat jalan"
    assert mine.slides == (deck.Slide("kepuasan", {"kota": "1971", "unit": RAWAT_ID}, title),)
    page_spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)  # the profile comes first
    captions = " ".join(c.value for c in at.caption)
    with read_only(skm_warehouse) as con:
        fetch = lambda name, **p: sql.run(con, name, **p)  # noqa: E731
        env = deck.Env(fetch, "id")
        shown = deck.render(mine.slides[0], env, "http://h")
        page_view = kepuasan_view.build(state.Common("1971"), state.Kepuasan(unit=RAWAT_ID), fetch)
        legacy = deck.render(
            deck.Slide("kepuasan", {"kota": "Kota Pangkal Pinang", "kepuasan_unit": RAWAT_ID}, "Lama"), env
        )
        unknown = deck.render(deck.Slide("kepuasan", {"kota": "1971", "unit": "tidak-ada"}, "X"), env)
        empty = deck.render(deck.Slide("kepuasan", {"kota": "1275"}, "Medan"), env)
    assert shown.view is not None and shown.figure is not None and not shown.note
    assert (shown.title, shown.view.title) == (title, page_view.title)
    assert (
        shown.message
        == page_view.message
        == (
            "Pelayanan rawat jalan: 72,22 (C · Kurang baik), Semester II 2024; "
            "unsur terlemah: U3 Waktu penyelesaian."
        )
    )
    assert shown.source == page_view.source and shown.source.startswith("Uji, Lembar uji SKM")
    assert f"Sumber: {shown.source}" in captions
    # the page's drawn chart and the slide's (projector-styled) chart hold the same data
    assert figure_data(shown.figure) == figure_data(page_view.figure)
    assert [r["unsur"] for r in page_view.figure["data"]["values"]] == page_spec["layer"][0]["encoding"]["y"][
        "sort"
    ]
    assert len(page_spec["layer"][0]["encoding"]["y"]["sort"]) == 9  # every unsur labelled (phone too)
    assert page_spec["title"]["text"] == shown.view.figure["title"]["text"]
    assert shown.url == f"http://h/kepuasan?kota=1971&lang=id&unit={RAWAT_ID}"
    assert legacy.view is not None and legacy.view.state.unit == RAWAT_ID  # old kepuasan_unit links
    assert unknown.view is not None and unknown.view.state.unit == KTP_ID
    assert unknown.caption == (  # never a silent switch
        "Nilai “tidak\\-ada” di tautan (unit=) tidak dikenal; ditampilkan Layanan KTP-el."
    )
    assert (empty.figure, empty.note) == (None, "Belum ada hasil SKM untuk kota ini.")
    # it plays on Presentasi, and its link reopens the same unit on the page
    at.query_params["dek"] = "saya"
    at.query_params["putar"] = "1"
    at.switch_page("pages/presentasi.py").run()
    assert not at.exception, [e.value for e in at.exception]
    head = next(str(h.value) for h in at.get("html") if 'class="kda-slide"' in str(h.value))
    assert title in head
    assert len(at.get("vega_lite_chart")) == 1 and not at.get("plotly_chart")
    block = next(str(h.value) for h in at.get("html") if 'class="kda-qr"' in str(h.value))
    assert f"/kepuasan?kota=1971&amp;lang=id&amp;unit={RAWAT_ID}" in block


def test_a_long_unit_id_gets_a_short_stable_link_code() -> None:
    from dalamangka import state
    from dalamangka.views.kepuasan import unit_code

    assert unit_code(KTP_ID) == KTP_ID  # ids that fit a link stay readable
    long_id = "1971-dinas-penanaman-modal-dan-pelayanan-terpadu-satu-pintu-perizinan-berusaha-dan-nonberusaha"
    code = unit_code(long_id)
    assert len(code) == state.MAX_TEXT and code.startswith(long_id[:60]) and code == unit_code(long_id)
    assert unit_code(long_id + "-x") != code
    decoded = state.decode_page(
        "kepuasan", {"unit": code}, state.Vocab({}, frozenset(), frozenset(), {}), "id"
    )
    assert decoded == (state.Kepuasan(unit=code), [])  # the code passes the link's text limit
