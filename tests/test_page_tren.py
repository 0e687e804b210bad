"""Tren page through AppTest on the shipped warehouse: each mode and region set for the five seed
cities, the numbers drawn and tabulated checked against the warehouse, and the downloads."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from typing import Any, ClassVar

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module
from streamlit.testing.v1.element_tree import Block

from dalamangka import charts, export, fmt
from tests.conftest import AppFactory

SEEDS = {
    "1971": "Kota Pangkal Pinang",
    "1671": "Kota Palembang",
    "1275": "Kota Medan",
    "3375": "Kota Pekalongan",
    "2172": "Kota Tanjung Pinang",
}
PAGE = "pages/tren.py"


# --- helpers shared with test_page_bandingkan ------------------------------------------------


class RecordingManager(MediaFileManager):
    """The AppTest media manager, remembered so a test can click a (deferred) download button."""

    made: ClassVar[list[MediaFileManager]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        RecordingManager.made.append(self)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    RecordingManager.made = []
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingManager)
    yield


def download(at: AppTest, label: str) -> bytes:
    """The bytes a click on the download button with this label gets (the data is made on click)."""
    button = next(b for b in at.get("download_button") if b.proto.label == label)
    file_id = button.proto.deferred_file_id
    assert file_id, "downloads are made on click, not on every rerun"
    manager = RecordingManager.made[-1]
    url = manager.execute_deferred(file_id)
    stored = manager._storage.get_file(url.rsplit("/", 1)[1])
    return bytes(stored.content)


def figure(at: AppTest, key: str = "tren_chart") -> dict[str, Any]:
    """The Vega-Lite chart as sent to the browser: its spec and its data rows (Streamlit sends
    the inline values as an Arrow table). Tren draws one chart, so ``key`` is not needed."""
    charts_ = at.get("vega_lite_chart")
    if not charts_:
        raise AssertionError(f"no chart {key}")
    proto = charts_[0].proto
    values = pa.ipc.open_stream(proto.data.data).read_all().to_pylist() if proto.data.data else []
    return {"spec": json.loads(proto.spec), "values": values}


def open_tab(at: AppTest, tab: str) -> AppTest:
    """Open a tab of the view as a shared link does (``tab=`` in the URL); only it is drawn."""
    at.query_params["tab"] = tab
    return at.run()


def click_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Click the tab ``label`` of the tabs ``key`` as the browser does (a widget value sent with
    the rerun; AppTest has no tab interaction, so the state is added to the widgets' own)."""
    tab_id = next(
        b.proto.tab_container.id
        for b in _blocks(at.main)
        if b.proto.WhichOneof("type") == "tab_container" and b.proto.tab_container.id.endswith(f"-{key}")
    )
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=tab_id, string_value=label))
    return at._run(states)


def _blocks(node: Any) -> Iterator[Block]:
    if isinstance(node, Block) and hasattr(node.proto, "WhichOneof"):
        yield node
    for child in getattr(node, "children", {}).values():
        yield from _blocks(child)


def has_chart(at: AppTest, key: str = "tren_chart") -> bool:
    return bool(at.get("vega_lite_chart"))


def colour_of(fig: dict[str, Any]) -> dict[str, str]:
    """Colour per series name (the legend's scale)."""
    scale = fig["spec"]["layer"][0]["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def y_title(fig: dict[str, Any]) -> str:
    return str(fig["spec"]["layer"][0]["encoding"]["y"]["title"])


def texts(at: AppTest) -> list[str]:
    return [m.value for m in [*at.info, *at.caption, *at.warning, *at.markdown]]


def series(con: duckdb.DuckDBPyConnection, indicator: str, kode: str) -> dict[int, float]:
    """Yearly figures straight from the warehouse (independent of the product's queries)."""
    rows = con.execute(
        "select tahun, nilai from facts_all where indicator = ? and kode = ? and periode = 0",
        [indicator, kode],
    ).fetchall()
    return {int(t): float(v) for t, v in rows}


def same_figures(display: pd.DataFrame, exported: pd.DataFrame, lang: str = "id") -> None:
    """Each shown cell is the exported number written by fmt (or the same text)."""
    assert list(display.columns) == list(exported.columns)
    assert len(display) == len(exported)
    for col in display.columns:
        for d, e in zip(display[col], exported[col], strict=True):
            if isinstance(e, str):
                assert d == e, (col, d, e)
            elif pd.isna(e):
                assert d == fmt.MISSING[lang], (col, d)
            elif col.lower().startswith(("tahun", "year", "peringkat", "rank")) and float(e).is_integer():
                assert d == str(int(e)), (col, d, e)
            else:
                decimals = (
                    len(d.rsplit("," if lang == "id" else ".", 1)[1])
                    if ("," if lang == "id" else ".") in d
                    else 0
                )
                assert d == fmt.number(float(e), decimals, lang), (col, d, e)


def lines(fig: dict[str, Any]) -> list[tuple[str, str, list[int], list[float | None], bool]]:
    """(indicator, kode, years, values, highlighted) per drawn line; a missing year is None
    (a gap: the line mark breaks there)."""
    out: dict[tuple[str, str], tuple[list[int], list[float | None], bool]] = {}
    for row in sorted(fig["values"], key=lambda r: r["tahun"]):
        xs, ys, _ = out.setdefault((row["indikator"], row["kode"]), ([], [], bool(row["pilihan"])))
        xs.append(int(row["tahun"]))
        ys.append(None if row["nilai"] is None or math.isnan(row["nilai"]) else float(row["nilai"]))
    return [(i, k, xs, ys, h) for (i, k), (xs, ys, h) in out.items()]


def chosen_lines(fig: dict[str, Any]) -> list[tuple[str, str]]:
    """(indicator, kode) of the highlighted lines."""
    return [(line[0], line[1]) for line in lines(fig) if line[4]]


def check_traces(fig: dict[str, Any], con: duckdb.DuckDBPyConnection, transform: Any = None) -> int:
    """Every drawn point equals the warehouse (through ``transform``); no point where none is."""
    n = 0
    for indicator, kode, xs, ys, _ in lines(fig):
        truth = series(con, indicator, kode)
        for year, y in zip(xs, ys, strict=True):
            expected = transform(truth, year) if transform else truth.get(year)
            if expected is None or (isinstance(expected, float) and math.isnan(expected)):
                assert y is None, (indicator, kode, year, y)
            else:
                assert y == pytest.approx(expected), (indicator, kode, year)
                n += 1
    return n


# --- tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kode", list(SEEDS))
def test_value_mode_for_each_seed_city(
    app: AppFactory, full: duckdb.DuckDBPyConnection, downloads: None, kode: str
) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    assert at.title[0].value == f"Tren {SEEDS[kode]}"
    assert at.selectbox(key="tren_indikator").value == "ipm"
    assert at.button_group(key="tren_grup").value == "lima"
    fig = figure(at, "tren_chart")
    assert fig["spec"]["config"]["locale"]["number"]["decimal"] == ","
    assert {line[1] for line in lines(fig)} == set(SEEDS)
    assert check_traces(fig, full) >= 60
    assert {k for _, k in chosen_lines(fig)} == {kode}
    own = {r["seri"] for r in fig["values"] if r["pilihan"] and r["indikator"] == "ipm"}
    assert [colour_of(fig)[s] for s in own] == [charts.HIGHLIGHT]
    # every IPM series the city has is its own line (never spliced; the note says why when there
    # are several); the regions it is compared with in the chosen series only
    has = {i for i in ("ipm", "ipm_uhh_lfsp2020", "ipm_seri_pekalongan_da2026") if series(full, i, kode)}
    assert {line[0] for line in lines(fig) if line[1] == kode} == has
    assert {line[0] for line in lines(fig) if line[1] != kode} == {"ipm"}
    assert any("tidak disambung" in t for t in texts(at)) == (len(has) > 1)
    assert any(t.startswith("Sumber: BPS, [Metode Baru] IPM") for t in texts(at))
    # the table (drawn only when its tab is open): every region x every year, as in the warehouse
    assert not at.dataframe
    open_tab(at, "tabel")
    assert not has_chart(at)
    table = at.dataframe[0].value
    check_wide(table, full, "kode", "indicator_of", set(SEEDS))
    assert set(table[table.dipilih].kode) == {kode}  # the chosen city is highlighted
    own = table[(table.kode == kode) & table.seri.isin(["IPM", ""])].iloc[0]
    truth = series(full, "ipm", kode)
    assert own.nilai_awal == pytest.approx(truth[min(truth)]) and own.tahun_akhir == max(truth)
    growth = ((truth[max(truth)] / truth[min(truth)]) ** (1 / (max(truth) - min(truth))) - 1) * 100
    assert own.cagr_persen == pytest.approx(round(growth, 2))
    assert own.perubahan == pytest.approx(round(truth[max(truth)] - truth[min(truth)], 2))
    assert table["2015"].dtype.kind == "f"  # numbers, so the column sorts numerically
    # downloads: what is shown and the full series, figure for figure, with BOM and metadata
    for part in ("Unduh yang ditampilkan", "Unduh seri lengkap"):
        raw = download(at, f"{part}: CSV")
        assert raw.startswith(b"\xef\xbb\xbf")
        csv = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"Kode BPS": str})
        check_wide(csv, full, "Kode BPS", "Kode indikator", set(SEEDS))
        sheets = export.read_xlsx(download(at, f"{part}: XLSX (dengan metadata)"))
        data = sheets["Data"].astype({"Kode BPS": str})
        check_wide(data, full, "Kode BPS", "Kode indikator", set(SEEDS))
        meta = sheets["Metadata"]
        assert set(data["Kode indikator"]) <= set(meta["Kode indikator"])
        assert meta["Sumber"].astype(str).str.len().min() > 0


def check_wide(table: pd.DataFrame, con: duckdb.DuckDBPyConnection, kode_col: str, ind_col: str,
               kodes: set[str]) -> None:  # fmt: skip
    """Every year cell of a wide table equals the warehouse figure rounded to 2 decimals (IPM,
    TPT), empty exactly where the warehouse has none; the regions are ``kodes``."""
    assert set(table[kode_col].astype(str)) == kodes
    years = [c for c in table.columns if str(c).isdigit()]
    assert len(years) >= 10
    n = 0
    for _, row in table.iterrows():
        if ind_col == "indicator_of":
            label = str(row.seri)  # "": the city has only the chosen series (IPM), drawn without a name
            indicator = {"IPM": "ipm", "": "ipm"}.get(label) or next(
                i
                for i in ("ipm_uhh_lfsp2020", "ipm_seri_pekalongan_da2026", "tpt")
                if series(con, i, str(row[kode_col]))
                and ("revisi" in label) == (i == "ipm_uhh_lfsp2020")
                and ("DA 2026" in label) == (i == "ipm_seri_pekalongan_da2026")
            )
        else:
            indicator = str(row[ind_col])
        truth = series(con, indicator, str(row[kode_col]))
        for y in years:
            cell = row[y]
            if int(y) in truth:
                assert float(cell) == pytest.approx(round(truth[int(y)], 2)), (indicator, row[kode_col], y)
                n += 1
            else:
                assert cell is None or pd.isna(cell), (indicator, row[kode_col], y, cell)
    assert n >= 40


@pytest.mark.parametrize("kode", list(SEEDS))
def test_index_mode_with_a_base_year(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    at.button_group(key="tren_mode").set_value("indeks").run()
    at.selectbox(key="tren_dasar").set_value(2015).run()
    assert not at.exception

    def index(truth: dict[int, float], year: int) -> float | None:
        if 2015 not in truth or year not in truth:
            return None
        return truth[year] / truth[2015] * 100

    fig = figure(at, "tren_chart")
    assert check_traces(fig, full, index) >= 60
    assert y_title(fig) == "Indeks (2015 = 100)"
    own = next(line for line in lines(fig) if line[4] and line[0] == "ipm")
    assert own[3][own[2].index(2015)] == pytest.approx(100)
    # Tanjung Pinang's revised series has no 2015 figure: not drawn, and said so
    revised = bool(series(full, "ipm_uhh_lfsp2020", kode))
    said = any("Tidak ada angka tahun dasar 2015" in t and "seri revisi" in t for t in texts(at))
    assert said == revised


@pytest.mark.parametrize("kode", list(SEEDS))
def test_change_mode_from_previous_year(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode], tren_indikator="TPT")
    at.button_group(key="tren_mode").set_value("perubahan").run()
    assert not at.exception

    def change(truth: dict[int, float], year: int) -> float | None:
        if year not in truth or year - 1 not in truth:
            return None
        return truth[year] - truth[year - 1]

    fig = figure(at, "tren_chart")
    assert check_traces(fig, full, change) >= 25
    assert y_title(fig) == "Perubahan (poin)"
    palembang = next(line for line in lines(fig) if line[1] == "1671")
    assert palembang[3][palembang[2].index(2024)] is None  # no 2024 figure: a gap, not a join
    assert any("3 sumber berbeda" in t for t in texts(at))


def kota_with_tpt(con: duckdb.DuckDBPyConnection, same_province_as: str | None = None) -> set[str]:
    """Current kota with any TPT figure (optionally only those of a region's province)."""
    sql = (
        "select distinct r.kode from regions as r join facts_all as f on f.kode = r.kode "
        "where r.level = 'kota' and r.is_current and f.indicator = 'tpt' and f.periode = 0"
    )
    params: list[str] = []
    if same_province_as:
        sql += " and r.provinsi = (select provinsi from regions where kode = ?)"
        params.append(same_province_as)
    return {str(r[0]) for r in con.execute(sql, params).fetchall()}


@pytest.mark.parametrize("kode", list(SEEDS))
@pytest.mark.parametrize("choice", ["lima", "provinsi", "semua", "daftar"])
def test_region_sets(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str, choice: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode], tren_indikator="TPT")
    at.button_group(key="tren_grup").set_value(choice).run()
    assert at.query_params.get("grup") == (None if choice == "lima" else choice)  # the group is in the link
    fig = figure(at, "tren_chart")
    expected = {
        "lima": set(SEEDS),
        "provinsi": kota_with_tpt(full, kode),
        "semua": kota_with_tpt(full),
        "daftar": {kode},  # a custom list before any pick: only the chosen city
    }[choice]
    assert {line[1] for line in lines(fig)} == expected
    assert check_traces(fig, full) > 0
    assert chosen_lines(fig) == [("tpt", kode)]
    by_kode = {r["kode"]: r["seri"] for r in fig["values"]}
    assert colour_of(fig)[by_kode[kode]] == charts.HIGHLIGHT
    if choice == "semua":
        assert {colour_of(fig)[by_kode[k]] for k in expected - {kode}} == {charts.MUTED}
        # a short legend (OWID-like): the chosen city's line, then one grey entry for the others
        legend = fig["spec"]["layer"][0]["encoding"]["color"]["legend"]["values"]
        other = f"{len(expected) - 1} wilayah lain"
        assert legend == [by_kode[kode], other] and colour_of(fig)[other] == charts.MUTED
    open_tab(at, "tabel")
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    truth = series(full, "tpt", kode)
    own = table[table.kode == kode].iloc[0]
    assert own.nilai_akhir == pytest.approx(truth[max(truth)]) and bool(own.dipilih)


def test_searchable_picker_adds_any_region_and_table_search(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app(page=PAGE, kota="Kota Medan", tren_indikator="TPT", tren_set="Hanya pilihan")
    at.multiselect(key="tren_wilayah").set_value(["12", "1271"]).run()
    fig = figure(at, "tren_chart")
    assert {line[1] for line in lines(fig)} == {"1275", "1271"}
    check_traces(fig, full)
    assert "Tidak ada data TPT: Sumatera Utara." in texts(at)  # the province has no TPT: named, not zero
    open_tab(at, "tabel")
    at.text_input(key="tren_cari").input("sibolga").run()
    assert at.dataframe[0].value.wilayah.tolist() == ["Kota Sibolga"]
    assert at.query_params["cari"] == "sibolga"  # the search is part of the link
    at.text_input(key="tren_cari").input("").run()
    assert set(at.dataframe[0].value.kode) == {"1275", "1271"}


def test_shared_url_reopens_the_view_in_english(app: AppFactory, full: duckdb.DuckDBPyConnection) -> None:
    at = app(
        page=PAGE,
        kota="Kota Pekalongan",
        lang="English",
        tren_indikator="Unemployment",
        tren_mode="Change from the previous year",
        tren_set="Kota in the province",
    )
    assert at.selectbox(key="tren_indikator").value == "tpt"
    assert at.button_group(key="tren_mode").value == "perubahan"
    assert at.button_group(key="tren_grup").value == "provinsi"
    fig = figure(at, "tren_chart")
    assert fig["spec"]["config"]["locale"]["number"]["decimal"] == "."
    assert y_title(fig) == "Change (points)"
    assert at.title[0].value == "Trend of Kota Pekalongan"
    link = at.get("page_link")[0].proto
    assert link.page == "bandingkan"
    assert link.query_string == "kota=3375&lang=en&ind=tpt"  # codes, not translated labels
    # the old label-style link was read once and the URL rewritten to codes (and the group to grup=)
    assert dict(at.query_params) == {"kota": "3375", "lang": "en", "ind": "tpt", "grup": "provinsi",
                                     "mode": "perubahan"}  # fmt: skip


def test_empty_choice_says_so(app: AppFactory) -> None:
    at = app(page=PAGE, kota="Kota Banda Aceh", tren_indikator="AKB", tren_set="Hanya pilihan")
    assert not at.exception
    assert not has_chart(at, "tren_chart")
    assert any("Tidak ada data AKB" in m.value for m in at.info)


def test_index_without_a_base_year_figure_draws_nothing_and_says_so(app: AppFactory) -> None:
    at = app(page=PAGE, kota="Kota Medan", tren_indikator="TPT", tren_set="Hanya pilihan")
    at.button_group(key="tren_mode").set_value("indeks").run()
    at.selectbox(key="tren_dasar").set_value(2018).run()
    assert has_chart(at, "tren_chart")
    at.multiselect(key="tren_wilayah").set_value(["2172"]).run()
    at.selectbox(key="tren_dasar").set_value(2025).run()  # Medan has no 2025 TPT, Tanjung Pinang has
    fig = figure(at, "tren_chart")
    drawn = {line[1] for line in lines(fig) if any(y is not None for y in line[3])}
    assert drawn == {"2172"}
    assert (
        "Tidak ada angka tahun dasar 2025 untuk: Kota Medan. Garisnya tidak ditampilkan pada mode indeks."
        in (texts(at))
    )
    # base years offered are years with a figure: without Tanjung Pinang, 2025 is no longer one
    at.multiselect(key="tren_wilayah").set_value([]).run()
    assert not at.exception and has_chart(at, "tren_chart")
    assert 2025 not in at.selectbox(key="tren_dasar").options


def test_change_without_consecutive_years_says_so(app: AppFactory) -> None:
    at = app(page=PAGE, kota="Kota Medan", tren_indikator="AKB", tren_set="Hanya pilihan")
    at.button_group(key="tren_mode").set_value("perubahan").run()
    assert not at.exception and not has_chart(at, "tren_chart")
    assert any("tidak dapat dihitung" in m.value for m in at.info)


def test_map_tab_draws_the_latest_year_of_the_indicator_for_every_kab_kota(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    """Issue 15: a trend has a map of its latest year (the Peta page's own national view)."""
    at = app("pages/tren.py", kota="1275", ind="tpt", tab="peta")
    assert not at.exception
    (chart,) = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert chart["layer"][0]["mark"]["type"] == "geoshape"  # the map, no trend chart (lazy tabs)
    # the latest year most kab/kota have (>= 80 % of the best year): 2025 has only a few
    latest = full.execute(
        "with n as (select tahun, count(distinct kode) as n from facts where indicator = 'tpt' "
        "and length(kode) = 4 group by tahun) "
        "select max(tahun) from n where n >= 0.8 * (select max(n) from n)"
    ).fetchone()[0]  # type: ignore[index]
    assert latest == 2024
    truth = full.execute(
        "select r.nama, f.nilai from facts f join regions r using (kode) "
        "where f.indicator = 'tpt' and f.tahun = ? and r.nama = 'Kota Medan'",
        [latest],
    ).fetchone()
    assert truth is not None
    medan = next(r for r in chart["data"]["values"] if r["h0"] == "Kota Medan")
    assert medan["h1"] == f"{fmt.value(truth[1], 'persen', 2, 'id')} (tahun {latest})"
    assert len(chart["data"]["values"]) == 514
    assert f"**TPT {latest}: kab/kota se-Indonesia**" in [m.value for m in at.markdown]  # the year named
    assert any(c.value.startswith("Sumber: ") for c in at.caption)


def test_map_tab_says_when_an_indicator_cannot_be_mapped(app: AppFactory) -> None:
    at = app("pages/tren.py", kota="3375", ind="ipm_seri_pekalongan_da2026", tab="peta")  # one city only
    assert at.query_params["ind"] == "ipm_seri_pekalongan_da2026"
    assert not at.exception
    assert not at.get("vega_lite_chart")
    assert any("tidak dipetakan" in i.value for i in at.info)


def test_population_compares_the_chosen_series_and_keeps_the_citys_others_apart(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    """Population has six series (BPS, census, SP2010 preliminary, Dukcapil Semester I and II,
    GRDP-implied): the city's own are each a line, the four cities it is compared with only the
    chosen one (30 lines once left a plot ~20 px tall under its legend). BPS's 2025 figure is its
    only year: the message says so instead of "from 2025 to 2025, +0,0 %"."""
    at = app(page=PAGE, kota="1971", ind="penduduk_bps")
    fig = figure(at, "tren_chart")
    concept = {
        r[0] for r in full.execute("select code from indicators where concept = 'penduduk'").fetchall()
    }
    own = {i for i in concept if series(full, i, "1971")}
    assert len(own) >= 4
    assert {line[0] for line in lines(fig) if line[1] == "1971"} == own
    assert {(line[0], line[1]) for line in lines(fig) if line[1] != "1971"} == {
        ("penduduk_bps", k) for k in SEEDS if k != "1971"
    }
    assert check_traces(fig, full) > 0
    legend = fig["spec"]["layer"][0]["encoding"]["color"]["legend"]["values"]
    assert len(legend) == len(own) + 4
    text = " ".join(m.value for m in at.markdown)
    assert "menjadi" not in text and "+0,0 %" not in text
    assert (
        f"{fmt.number(series(full, 'penduduk_bps', '1971')[2025])} jiwa (2025); "
        "seri ini hanya punya tahun 2025" in text
    )
