"""The planner questions of issue 15, each answered on one screen, checked against the warehouse."""

from __future__ import annotations

import duckdb

from dalamangka import charts, fmt
from tests.conftest import AppFactory
from tests.test_page_bandingkan import bar, kota_values, rows_of


def test_which_kecamatan_of_medan_is_densest(app: AppFactory, full: duckdb.DuckDBPyConnection) -> None:
    at = app("pages/peta.py", kota="Kota Medan", ukuran="kepadatan_poligon")
    ind, year = at.query_params["ind"], int(at.query_params["tahun"])
    assert at.query_params["ukuran"] == "kepadatan_poligon"
    rows = full.execute(
        "select r.nama, f.nilai / s.luas_km2 from facts_all as f join regions as r on r.kode = f.kode "
        "join shapes as s on s.kode = f.kode and s.layer = 'kecamatan' "
        "where r.parent = '1275' and r.level = 'kecamatan' "
        "and f.indicator = ? and f.tahun = ? and f.periode = 0",
        [ind, year],
    ).fetchall()
    density = sorted(((float(d), str(n)) for n, d in rows), reverse=True)
    assert len(density) == 21
    top_value, top_name = density[0]
    text = [m.value for m in at.markdown]
    sentence = next(t for t in text if t.startswith("**Kecamatan terpadat di Kota Medan"))
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
