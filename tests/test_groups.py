"""Comparison groups: the island file, URL values, members on the shipped warehouse, safe picks."""

from __future__ import annotations

import inspect
import tomllib

import duckdb
import pandas as pd
import pytest
import streamlit as st
from hypothesis import given, settings
from hypothesis import strategies as hs

from dalamangka import config, groups, sql


@pytest.fixture(scope="module")
def regions(full_warehouse: object) -> pd.DataFrame:
    con = duckdb.connect(str(full_warehouse), read_only=True)
    try:
        return sql.run(con, "region_pickable")
    finally:
        con.close()


@pytest.fixture(scope="module")
def population(full_warehouse: object) -> pd.DataFrame:
    con = duckdb.connect(str(full_warehouse), read_only=True)
    try:
        return sql.run(con, "compare_values", indicator=config.SIMILAR_POPULATION_INDICATOR, tahun=2024)
    finally:
        con.close()


def test_every_current_province_is_in_exactly_one_island(regions: pd.DataFrame) -> None:
    defs = groups.definitions()
    provinces = regions[regions.level == "provinsi"].kode.tolist()
    assert len(provinces) == 34
    for p in provinces:
        assert sum(p in i.provinces for i in defs.islands) == 1, p
    listed = {p for i in defs.islands for p in i.provinces}
    assert listed == set(provinces)  # no code the warehouse does not know
    assert [i.name_id for i in defs.islands] == [
        "Sumatera",
        "Jawa",
        "Bali–Nusa Tenggara",
        "Kalimantan",
        "Sulawesi",
        "Maluku–Papua",
    ]
    assert defs.island_of("21").code == "sumatera"  # type: ignore[union-attr]  # Kepulauan Riau
    assert defs.island_of("19").code == "sumatera"  # type: ignore[union-attr]
    assert defs.island_of("36").code == "jawa"  # type: ignore[union-attr]


def test_the_groups_file_states_its_provenance_and_defines_no_metro() -> None:
    text = groups.GROUPS_FILE.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert "BPS" in data["source"]
    assert "Kepulauan Riau (21)" in text and "Provenance" in text
    assert "metro" not in data  # none is defined in the data: never invented
    assert "metro" not in groups.kinds()
    assert "tidak tersedia" in (groups.metro_note("id") or "")
    assert "define no metropolitan area" in (groups.metro_note("en") or "")


def test_a_bad_groups_file_is_refused() -> None:
    two = {"pulau": [{"code": "a", "name_id": "A", "name_en": "A", "provinces": ["11"]}] * 2}
    with pytest.raises(ValueError, match="provinsi 11"):
        groups.parse_definitions(two)
    metro = {"metro": [{"code": "m", "name_id": "M", "name_en": "M", "members": ["1275"], "source": ""}]}
    with pytest.raises(ValueError, match="sumber"):
        groups.parse_definitions(metro)


def test_a_defined_metro_area_is_offered_and_cited(regions: pd.DataFrame) -> None:
    # the shape of a future entry (the shipped file has none): it is offered only when defined
    data = {
        "pulau": [{"code": "sumatera", "name_id": "Sumatera", "name_en": "Sumatra", "provinces": ["12"]}],
        "metro": [
            {
                "code": "uji",
                "name_id": "Uji",
                "name_en": "Test",
                "members": ["1275", "1276"],
                "source": "Perpres X",
            }
        ],
    }
    defs = groups.parse_definitions(data)
    assert "metro" in groups.kinds(defs) and groups.metro_note("id", defs) is None
    known = frozenset(regions.kode)
    decoded = groups.decode("metro-uji", known, defs=defs)
    assert decoded.notice is None
    g = groups.resolve(decoded.choice, "1275", regions, defs=defs)
    assert g.kodes == ["1275", "1276"] and "Perpres X" in g.description


def test_no_metro_area_says_so(regions: pd.DataFrame) -> None:
    g = groups.resolve(groups.Choice("metro", "mebidang"), "1275", regions)
    assert g.kodes == ["1275"]
    assert g.problem is not None and "metropolitan" in g.problem
    d = groups.decode("metro-mebidang", frozenset(regions.kode))
    assert d.choice == groups.Choice() and d.notice is not None and "metro-mebidang" in d.notice


def test_island_group_of_palembang_is_the_34_sumatran_kota(regions: pd.DataFrame) -> None:
    g = groups.resolve(groups.Choice("pulau"), "1671", regions)
    sumatra = regions[
        (regions.level == "kota") & regions.provinsi.isin(groups.definitions().island("sumatera").provinces)
    ]  # type: ignore[union-attr]
    assert g.kodes[0] == "1671"
    assert set(g.kodes) == set(sumatra.kode) and len(g.kodes) == 34
    assert {"2171", "2172"} <= set(g.kodes)  # Batam and Tanjungpinang (Kepulauan Riau)
    assert g.title == "kota di Sumatera"
    assert g.description.startswith("34 kota di kelompok pulau Sumatera")
    assert not ({"3171", "3375"} & set(g.kodes))


def test_named_island_adds_the_chosen_city(regions: pd.DataFrame) -> None:
    g = groups.resolve(groups.Choice("pulau", "jawa"), "1671", regions, lang="en")
    assert g.kodes[0] == "1671" and len(g.kodes) == 35
    assert g.description.endswith("plus Kota Palembang")


def test_province_all_and_seed_groups(regions: pd.DataFrame) -> None:
    prov = groups.resolve(groups.Choice("provinsi"), "1671", regions)
    assert prov.kodes == ["1671", "1674", "1673", "1672"]  # then by name
    assert prov.description == "4 kota di Provinsi Sumatera Selatan"
    named = groups.resolve(groups.Choice("provinsi", "21"), "2172", regions)
    assert set(named.kodes) == {"2171", "2172"}
    every = groups.resolve(groups.Choice("semua"), "3375", regions)
    assert len(every.kodes) == 98 and every.kodes[0] == "3375"
    seed = groups.resolve(groups.Choice("lima"), "1275", regions)
    assert set(seed.kodes) == set(config.SEED_CITIES)
    kab = groups.resolve(groups.Choice("semua"), "1101", regions)  # a kabupaten is always a member too
    assert kab.kodes[0] == "1101" and len(kab.kodes) == 99


def test_chosen_first_then_the_members_in_order(regions: pd.DataFrame) -> None:
    seed = groups.resolve(groups.Choice("lima"), "1275", regions)
    assert seed.kodes == ["1275", "1971", "1671", "3375", "2172"] and seed.description == "5 kota percontohan"
    aceh = groups.resolve(groups.Choice("provinsi"), "1103", regions)  # a kabupaten: its province's kota
    kota = regions[(regions.level == "kota") & (regions.provinsi == "11")]
    assert aceh.kodes[0] == "1103" and sorted(aceh.kodes[1:]) == sorted(kota.kode) and len(kota) == 5
    assert aceh.description == "5 kota di Provinsi Aceh, ditambah Kabupaten Aceh Selatan"
    assert groups.resolve(groups.Choice("semua"), "1275", regions, "en").description == "all 98 kota"
    own = groups.resolve(groups.custom(["1103", "1171", "9999"]), "1275", regions)
    assert own.kodes == ["1275", "1103", "1171"]  # the picks in their order; an unknown code left out


def test_similar_population_band_is_stated_and_holds(regions: pd.DataFrame, population: pd.DataFrame) -> None:
    g = groups.resolve(
        groups.Choice("mirip", "25"),
        "3375",
        regions,
        "id",
        population,
        "Penduduk terdaftar (Dukcapil Smt II)",
        2024,
    )
    own = float(population.loc[population.kode == "3375", "nilai"].iloc[0])
    assert g.band == pytest.approx((own * 0.75, own * 1.25))
    pop = population.set_index("kode").nilai
    members = [k for k in g.kodes if k != "3375"]
    assert members and all(own * 0.75 <= pop[k] <= own * 1.25 for k in members)
    expected = population[(population.level == "kota") & population.nilai.between(own * 0.75, own * 1.25)]
    assert set(g.kodes) == set(expected.kode)
    assert "±25 %" in g.description and "jiwa" in g.description and "2024" in g.description
    missing = groups.resolve(groups.Choice("mirip"), "1275", regions, "id", population.iloc[0:0], "P", 2024)
    assert missing.problem is not None and missing.kodes == ["1275"]


def test_compare_group_bridge(regions: pd.DataFrame) -> None:
    g = groups.resolve(groups.Choice("pulau"), "1671", regions).as_compare_group()
    assert len(g.kodes) == 34 and g.description.startswith("34 kota")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lima", groups.Choice("lima")),
        ("pulau", groups.Choice("pulau")),
        ("pulau-maluku-papua", groups.Choice("pulau", "maluku-papua")),
        ("provinsi-16", groups.Choice("provinsi", "16")),
        ("semua", groups.Choice("semua")),
        ("mirip-25", groups.Choice("mirip", "25")),
        ("daftar-1275.1671.3375", groups.Choice("daftar", "1275.1671.3375")),
    ],
)
def test_decode_valid(text: str, expected: groups.Choice, regions: pd.DataFrame) -> None:
    d = groups.decode(text, frozenset(regions.kode))
    assert d == groups.Decoded(expected, None)
    assert groups.encode(d.choice) == text


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("pulau-bali", "pulau «bali» tidak ada"),
        ("provinsi-99", "«99» tidak sah"),
        ("mirip-33", "±33 %"),
        ("daftar-1275.9999", "kode wilayah 9999"),  # one unknown code refuses the whole list
        ("daftar-1275..1671", "tidak sah"),
        ("daftar-", "tidak sah"),
        ("daftar", "daftar kosong"),
        ("daftar-" + ".".join(["1275"] * 21), "lebih dari 20"),
        ("semua-1", "«1» tidak sah"),
        ("<script>", "jenis kelompok"),
        ("x" * 500, "lebih dari 200"),
    ],
)
def test_decode_refuses_whole_and_says_why(text: str, why: str, regions: pd.DataFrame) -> None:
    d = groups.decode(text, frozenset(regions.kode))
    assert d.choice == groups.Choice()
    assert d.notice is not None and why in d.notice and "5 kota percontohan" in d.notice


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.sampled_from(["1275", "1671", "1971", "2172", "3375", "1371", "3171"]), max_size=20))
def test_custom_group_round_trips(codes: list[str]) -> None:
    known = frozenset(["1275", "1671", "1971", "2172", "3375", "1371", "3171"])
    choice = groups.custom(codes)
    text = groups.encode(choice)
    assert len(text) <= groups.MAX_TEXT and all(c.isalnum() or c in "-." for c in text)
    if codes:
        assert groups.decode(text, known).choice.codes == list(dict.fromkeys(codes))
    else:
        assert groups.decode(text, known).notice is not None


@settings(max_examples=300, deadline=None)
@given(hs.text(max_size=300))
def test_any_url_value_decodes_or_is_refused(text: str) -> None:
    known = frozenset(["1275", "1671", "16"])
    d = groups.decode(text, known)
    assert d.choice.kind in groups.KINDS
    if d.notice is None:
        assert groups.encode(d.choice) == text or text == ""


def test_typing_a_full_name_and_enter_adds_exactly_that_region(regions: pd.DataFrame) -> None:
    options = groups.pick_options(regions)
    labels = dict(zip(regions.kode, regions.nama, strict=True))
    assert len(options) == 98 + 416
    assert groups.matches("Kota Padang", options, labels) == ["1371", "1374", "1277"]  # three contain it
    assert groups.enter_adds("Kota Padang", options, labels) == ["1371"]  # Enter adds one
    for code in options:  # every region name, typed in full, adds that region and only it
        assert groups.enter_adds(labels[code], options, labels) == [code], labels[code]
        assert groups.enter_adds(labels[code].lower(), options, labels) == [code]


def test_multiselect_arguments_exist_in_this_streamlit() -> None:
    params = inspect.signature(st.multiselect).parameters
    assert set(groups.MULTISELECT_ARGS) <= set(params)
    assert groups.MULTISELECT_ARGS["select_all"] is False  # no "Select N matches" row for Enter


def test_add_and_remove_picks() -> None:
    known = frozenset(["1275", "1671"])
    assert groups.add_pick(["1275"], "1671", known) == ["1275", "1671"]
    assert groups.add_pick(["1275"], "1275", known) == ["1275"]
    assert groups.add_pick(["1275"], "9999", known) == ["1275"]
    full = [str(1000 + i) for i in range(groups.MAX_CUSTOM)]
    assert groups.add_pick(full, "1275", known) == full
    assert groups.remove_pick(["1275", "1671"], "1275") == ["1671"]
