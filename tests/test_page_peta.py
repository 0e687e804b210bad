"""AppTest of the Peta page: city (URL), indicator, year, classification, measure, profile, national view."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import AppFactory
from tests.test_page_bandingkan import _spec

PAGE = "pages/peta.py"


def _figure(at: AppTest) -> dict:  # type: ignore[type-arg]
    """The map: the Vega-Lite chart whose first layer is a geoshape (issue 14: no plotly)."""
    # the rows put back (Streamlit sends them as Arrow once the national boundaries are a file)
    specs = [_spec(c) for c in at.get("vega_lite_chart")]
    return next(s for s in specs if s.get("layer", [{}])[0].get("mark", {}).get("type") == "geoshape")


def _regions(spec: dict) -> list[dict]:  # type: ignore[type-arg]
    """The map's regions (GeoJSON features with their class), as drawn."""
    return spec["data"]["values"]  # type: ignore[no-any-return]


def _classes(spec: dict) -> set[str]:  # type: ignore[type-arg]
    return {r["kelas"] for r in _regions(spec) if not r["kelas"].startswith(("tidak ada data", "no data"))}


def year(at: AppTest, key: str) -> Any:
    """The year widget: a slider over the years that exist, a box when there is only one."""
    return next(w for w in [*at.select_slider, *at.selectbox] if w.key == key)


def test_palembang_sp2010_map_with_boundary_note_and_profile(app: AppFactory) -> None:
    at = app(PAGE, kota="Kota Palembang")
    assert at.subheader[0].value == "Peta Kota Palembang"
    at.selectbox(key="peta_indikator").set_value("penduduk_sp2010_olah_cepat").run()
    assert year(at, "peta_tahun").value == 2010
    spec = _figure(at)
    locations = [r["kode"] for r in _regions(spec)]
    assert len(locations) == 18 and len(set(locations)) == 18
    nodata = [r["kode"] for r in _regions(spec) if r["kelas"] == "tidak ada data (2 wilayah)"]
    assert sorted(nodata) == ["16.71.17", "16.71.18"]
    warnings = " ".join(w.value for w in at.warning)
    assert "SP2010" in warnings and "Jakabaring" in warnings and "Ilir Timur Tiga" in warnings
    assert any("Hasil Olah Cepat SP2010" in c.value for c in at.caption)
    # profile of a kecamatan
    at.selectbox(key="peta_kecamatan").set_value("1671040").run()
    assert not at.exception
    assert at.subheader[1].value == "Kecamatan Ilir Barat Satu"
    table = at.dataframe[0].value
    assert "124.019 jiwa" in table["Nilai"].tolist()
    assert any(m.value.startswith("**") and "kelurahan" in m.value for m in at.markdown)


def test_classification_and_classes_change_the_legend(app: AppFactory) -> None:
    at = app(PAGE, kota="Kota Medan")
    at.selectbox(key="peta_indikator").set_value("penduduk_sp2010_olah_cepat").run()
    assert len(_classes(_figure(at))) == 5
    at.selectbox(key="peta_klasifikasi").set_value("jenks").run()
    at.slider(key="peta_kelas").set_value(7).run()
    assert not at.exception
    spec = _figure(at)
    classes = _classes(spec)
    legend = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert len(classes) == 7 and legend[:7] == sorted(classes, key=legend.index)  # the legend lists each
    assert sum(r["kelas"] in classes for r in _regions(spec)) == 21
    assert all(" – " in c and "wilayah" in c for c in classes)
    # density: Medan's SP2010 figures cover today's 21 kecamatan
    at.radio(key="peta_ukuran").set_value("kepadatan_bps").run()
    assert not at.exception
    assert any("luas wilayah yang dicetak BPS (2015)" in w.value for w in at.warning)


def test_english_and_small_city(app: AppFactory) -> None:
    at = app(PAGE, kota="Kota Pekalongan", lang="English")
    assert at.subheader[0].value == "Map of Kota Pekalongan"
    spec = _figure(at)
    assert spec["config"]["locale"]["number"]["decimal"] == "."
    assert len(_regions(spec)) == 4


def test_every_seed_city_draws_all_its_kecamatan(app: AppFactory) -> None:
    for kota, count in {"Kota Pangkal Pinang": 7, "Kota Tanjung Pinang": 4}.items():
        at = app(PAGE, kota=kota)
        assert len({r["kode"] for r in _regions(_figure(at))}) == len(_regions(_figure(at))) == count


def test_national_view(app: AppFactory) -> None:
    at = app(PAGE, kota="Kota Medan")
    at.button_group(key="peta_tampilan").set_value("nasional").run()
    assert not at.exception
    at.selectbox(key="peta_nas_indikator").set_value("tpt").run()
    year(at, "peta_nas_tahun").set_value(2024).run()
    spec = _figure(at)
    assert len(_regions(spec)) == 514
    outline = [la for la in spec["layer"][1:] if la["mark"].get("stroke") == "#000000"]
    assert [f["id"] for f in outline[0]["data"]["values"]["features"]] == ["1275"]
    at.toggle(key="peta_kota_saja").set_value(True).run()
    assert len(_regions(_figure(at))) == 98


def test_kabupaten_gets_the_national_view(app: AppFactory) -> None:
    at = app(PAGE, kota="Kabupaten Aceh Selatan")
    assert any("kota saja" in i.value for i in at.info)
    assert _figure(at) and not at.get("plotly_chart")


def test_a_second_session_opening_the_same_link_sees_the_same_notes(app: AppFactory) -> None:
    """Peta's view is memoised on the link (a new session rebuilds nothing): the page shows its
    notes once above the map without changing the memoised view, so the next visitor of the
    same link gets them too, once."""
    first = app(PAGE, kota="Kabupaten Aceh Selatan")
    second = app(PAGE, kota="Kabupaten Aceh Selatan")
    for at in (first, second):
        assert sum("kota saja" in i.value for i in at.info) == 1


def test_national_map_says_what_it_shows_above_it(app: AppFactory) -> None:
    """The national map's line above it names the indicator and year, how many regions have a
    figure and the lowest and highest; a phone sees it before the map. TPT 2024: 411 kab/kota in
    BPS's national Sakernas table (kabkota_tpt_tpak_2018_2024.csv: Manggarai Timur 0.51 to Ambon
    11.44) and the 7 of Kepulauan Riau from BPS Kepri's (kepri_kabkota_indikator_2010_2026.csv)."""
    at = app(PAGE, kota="Kota Medan", tampilan="nasional", ind="tpt", tahun="2024")
    line = "TPT 2024 di 418 wilayah berangka: dari 0,51 % (Kabupaten Manggarai Timur) " + (
        "sampai 11,44 % (Kota Ambon)."
    )
    assert at.caption[0].value == line
    at = app(PAGE, kota="Kota Medan", tampilan="nasional", ind="tpt", tahun="2024", lang="en")
    assert at.caption[0].value.startswith("Unemployment 2024 across 418 regions with a figure: from 0.51%")
