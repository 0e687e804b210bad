"""The planner questions of issue 15, each answered on one screen, checked against the warehouse."""

from __future__ import annotations

import duckdb

from dalamangka import charts, fmt
from tests.conftest import AppFactory
from tests.test_page_bandingkan import bar, kota_values, rows_of


def test_which_kecamatan_of_medan_is_densest(app: AppFactory, full: duckdb.DuckDBPyConnection) -> None:
    """Answered from BPS's own figures: the SP2010 count over the area BPS printed (2015); the
    boundary polygons' areas are never a density (data/geo/SOURCES.md)."""
    at = app(
        "pages/peta.py",
        kota="Kota Medan",
        ind="penduduk_sp2010_olah_cepat",
        tahun="2010",
        ukuran="kepadatan_bps",
    )
    assert at.query_params["ukuran"] == "kepadatan_bps"
    rows = full.execute(
        "select r.nama, f.nilai / a.nilai from facts_all as f join regions as r on r.kode = f.kode "
        "join facts_all as a on a.kode = f.kode and a.indicator = 'luas_wilayah_bps' and a.tahun = 2015 "
        "where r.parent = '1275' and r.level = 'kecamatan' "
        "and f.indicator = 'penduduk_sp2010_olah_cepat' and f.tahun = 2010 and f.periode = 0",
    ).fetchall()
    density = sorted(((float(d), str(n)) for n, d in rows), reverse=True)
    assert len(density) == 21
    top_value, top_name = density[0]
    text = [m.value for m in at.markdown]
    sentence = next(t for t in text if t.startswith("**Kecamatan terpadat di Kota Medan (2010)"))
    assert f"{top_name}, {fmt.number(top_value, 0)}" in sentence and "peringkat 1 dari 21" in sentence
    assert not any("ukuran" in w.value for w in at.warning)  # the density asked for is drawn
    # the ranked list beside the map: ranks of the density drawn, densest first
    listed = next(t for t in text if t.startswith("1\\. ")).replace(
        "\\. ", ". "
    )  # "1\\." keeps markdown's numbers
    lines = listed.split("  \n")
    assert [line.split(" · ")[0] for line in lines] == [f"{i}. {n}" for i, (_, n) in enumerate(density, 1)]


def test_where_pekalongan_ranks_on_poverty_among_98_kota(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app("pages/bandingkan.py", kota="Kota Pekalongan", ind="p0", grup="semua", set="semua")
    year = int(at.query_params["tahun"])
    truth = kota_values(full, "p0", year)
    own = truth["3375"]
    rank = 1 + sum(v < own for v in truth.values())  # poverty: lower is better
    head = f"Kota Pekalongan peringkat {fmt.ordinal(rank)} dari {len(truth)} wilayah"
    assert f":gray[{head}" in at.markdown[0].value  # the one-line message under the title
    kodes, values, colours = bar(at)
    assert "3375" in kodes and colours[kodes.index("3375")] == charts.HIGHLIGHT
    assert values[kodes.index("3375")] == own
    # each bar names its rank: under the 10th bar, Pekalongan reads as 61st, not 11th
    labels = {r["kode"]: r["nama"] for r in rows_of(at, "bandingkan_bar")}
    assert labels["3375"] == f"{rank}. Kota Pekalongan"
    assert len(kodes) <= 21  # top/bottom 10 plus Pekalongan on one screen


def test_an_old_polygon_density_link_is_named_and_shows_the_figures(app: AppFactory) -> None:
    """Links made before the polygon density was withdrawn: the value is named in the notice, the
    page shows the figures themselves and no density, and the URL is rewritten."""
    at = app("pages/peta.py", kota="1671", ind="penduduk_dukcapil", tahun="2024", ukuran="kepadatan_poligon")
    assert at.query_params.get("ukuran") in (None, "nilai")
    notices = " ".join(w.value for w in at.warning)
    assert "“kepadatan\\_poligon” di tautan (ukuran=) tidak dikenal" in notices  # markdown-escaped
    text = " ".join(m.value for m in at.markdown)
    assert "jiwa/km²" not in text and "terpadat" not in text
    assert any("Kepadatan per kecamatan tidak dihitung" in c.value for c in at.caption)  # by "Ukuran"
    assert [r.options for r in at.radio if r.key == "peta_ukuran"] == [["Angka", "Pangsa dari kota"]]
