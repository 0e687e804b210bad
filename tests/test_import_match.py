"""Which row is the city, which a kecamatan, and what a table or a WebAPI response may not hold.

- A kecamatan named like its kab/kota (Kecamatan Kota Kediri in Kota Kediri, Kecamatan Pidie in
  Kabupaten Pidie: every such case of the reference data) is that kecamatan, never the city.
- Only a city-total label ("Jumlah", "Total", "Jumlah/Total", the city's name, with case,
  spacing and footnote marks ignored) is the city's total; a subtotal ("Jumlah Medan Utara") is
  refused with its cell named.
- A second table on the sheet is refused, naming the row where it starts; footers, notes and
  sources below one table are not a second table.
- A malformed WebAPI response is refused (``broken_webapi``), never a traceback, CLI included.

Figures are real: Kota Kediri's kecamatan from the SP2010 quick count
(`data/figures/kecamatan_penduduk_sp2010.csv`, S05), Kota Medan's from Dukcapil Semester I 2024
(`kecamatan_5kota_penduduk_dukcapil_2024s1.csv`, S16), Pangkalpinang's WebAPI response
(`tests/data/imports/webapi_1971_penduduk_laki_sp2010.json`, SP2010 figures).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dalamangka import __main__ as cli
from dalamangka.importer import ImportFailed, Options, prepare, prepare_webapi
from dalamangka.importer.match import Regions, compact, match, names_of
from dalamangka.importer.model import Parsed, RawRow
from tests import import_tables as T

API = Path(__file__).resolve().parent / "data" / "imports" / "webapi_1971_penduduk_laki_sp2010.json"
KEDIRI = "3571"
MEDAN = "1275"
SOURCE_LINE = "Sumber/Source: BPS, Hasil Sensus Penduduk 2010 (angka sementara)"


def figures(plan: Any) -> dict[str, float]:
    return {str(r.kode): float(r.nilai) for r in plan.figures.itertuples()}


def refused(path: Path, warehouse: Path, options: Options) -> list[str]:
    with pytest.raises(ImportFailed) as info:
        prepare(path, warehouse, options)
    return info.value.messages()


# --- Kota Kediri: a kecamatan named like its city (SP2010 quick count) -----------------------


def kediri_sp2010() -> dict[str, int]:
    df = pd.read_csv(T.figures_file("kecamatan_penduduk_sp2010.csv"), dtype=str, keep_default_na=False)
    df = df[df.kode_wilayah.str.startswith(KEDIRI) & (df.indikator == "jumlah_penduduk")]
    return {r.kode_wilayah: int(r.nilai) for r in df.itertuples()}


def kediri_table(path: Path, total: str | None, kecamatan_name: str = "Kota Kediri") -> Path:
    """Tabel 3.1.1 of Kota Kediri, 2010: Mojoroto, Kota Kediri, Pesantren (BPS names), a total row."""
    f = kediri_sp2010()
    rows: list[list[Any]] = [
        ["Tabel 3.1.1 Jumlah Penduduk Menurut Kecamatan di Kota Kediri, 2010"],
        [],
        ["Kecamatan/Subdistrict", "Penduduk (jiwa)/Population"],
        ["Mojoroto", f["3571010"]],
        [kecamatan_name, f["3571020"]],
        ["Pesantren", f["3571030"]],
    ]
    if total is not None:
        rows.append([total, f[KEDIRI]])
    rows += [[], [SOURCE_LINE]]
    return T.write_xlsx(path, rows)


KEDIRI_OPTIONS = Options(indikator="penduduk_sp2010_olah_cepat")


def test_kediri_kecamatan_named_like_its_city_without_total_row(full_warehouse: Path, tmp_path: Path) -> None:
    f = kediri_sp2010()
    plan = prepare(kediri_table(tmp_path / "t.xlsx", None), full_warehouse, KEDIRI_OPTIONS)
    assert figures(plan) == {k: float(f[k]) for k in ("3571010", "3571020", "3571030")}


@pytest.mark.parametrize("total", ["Jumlah/Total", "Jumlah", "Kota Kediri/Kediri Municipality"])
def test_kediri_kecamatan_and_city_total(full_warehouse: Path, tmp_path: Path, total: str) -> None:
    f = kediri_sp2010()
    plan = prepare(kediri_table(tmp_path / "t.xlsx", total), full_warehouse, KEDIRI_OPTIONS)
    assert figures(plan) == {k: float(v) for k, v in f.items()}
    assert f["3571020"] != f[KEDIRI]


def test_kediri_city_name_twice_is_refused_naming_the_rows(full_warehouse: Path, tmp_path: Path) -> None:
    """ "Kota Kediri" on the kecamatan row and on the total row: which is which cannot be told."""
    messages = refused(kediri_table(tmp_path / "t.xlsx", "Kota Kediri"), full_warehouse, KEDIRI_OPTIONS)
    assert messages[0].startswith(
        "Sel A5 (baris 5, kolom A): 'Kota Kediri' adalah nama Kecamatan Kota Kediri (3571020) "
        "sekaligus nama Kota Kediri, dan kecamatan itu juga ada di baris 7"
    ), messages
    # the bare "Kediri" may be the city or Kecamatan Kota Kediri: refused too, never guessed
    messages = refused(kediri_table(tmp_path / "u.xlsx", "Jumlah", "Kediri"), full_warehouse, KEDIRI_OPTIONS)
    assert (
        "Sel A5 (baris 5, kolom A): 'Kediri' dapat berarti Kota Kediri atau Kecamatan Kota Kediri"
        in (messages[0])
    )


def named_like_their_city(regions: Regions) -> list[tuple[str, str, str]]:
    """(kab/kota code, kecamatan code, kecamatan name) of every kecamatan whose name equals its
    kab/kota's name, with or without "Kota"/"Kabupaten" (BPS or Kemendagri name, 2020 list)."""
    ref = pd.read_csv(T.figures_file("ref_kecamatan_kode_bps_kemendagri_2020.csv"), dtype=str)
    out = []
    for r in ref.itertuples():
        city, kec = r.kode_kab_bps, r.kode_kec_bps
        if city not in regions.by_code or kec not in regions.by_code:
            continue
        stems = {n.removeprefix("KOTA") for n in names_of(regions, city)} | names_of(regions, city)
        for name in dict.fromkeys([r.nama_kec_bps, r.nama_kec_kemendagri]):
            key = compact(str(name))
            if key in stems or key.removeprefix("KOTA") in stems:
                out.append((city, kec, str(name).title()))
    return out


def test_every_real_kecamatan_named_like_its_city(full_warehouse: Path) -> None:
    """Each such kecamatan row is that kecamatan, "Jumlah" and the city's full name are the city;
    a name that may be either (the full name when a kecamatan bears it, a Kemendagri name the
    region table does not hold) is refused, never stored as the city."""
    con = duckdb.connect(str(full_warehouse), read_only=True)
    try:
        regions = Regions(
            con.sql("select kode, nama, nama_bps, level, parent, provinsi, is_current from regions").df()
        )
    finally:
        con.close()
    cases = named_like_their_city(regions)
    assert len(cases) >= 100 and ("3571", "3571020", "Kota Kediri") in cases
    assert ("1109", "1109210", "Pidie") in cases and ("3579", "3579010", "Batu") in cases
    for city, kec, name in cases:
        full = regions.name(city)
        for total in ("Jumlah", "Jumlah/Total", full):
            rows = [
                RawRow(4, "B", name, 1, 2020, is_total=name.lower().startswith(("kota ", "kabupaten "))),
                RawRow(5, "B", total, 2, 2020, is_total=True),
            ]
            codes, problems = match(Parsed("dalam_angka_xlsx", rows, city=full, kecamatan=True), regions)
            stated = (city, kec, name, total, codes)
            if problems:  # refused: only where the row's name may be the city as well
                assert {p.code for p in problems} <= {"city_named_kecamatan", "city_or_kecamatan"}, stated
                assert compact(name) in names_of(regions, city) or compact(name) == compact(total), stated
                continue
            assert codes == [kec, city], stated


# --- Kota Medan: which total row is the city (Dukcapil Semester I 2024) ---------------------


def medan_dukcapil() -> tuple[list[tuple[str, int]], int]:
    """(kecamatan name, population) in code order, and the city's figure."""
    df = pd.read_csv(
        T.figures_file("kecamatan_5kota_penduduk_dukcapil_2024s1.csv"), dtype=str, keep_default_na=False
    )
    df = df[df.kode_wilayah.str.startswith(MEDAN) & (df.indikator == "jumlah_penduduk_dukcapil_smt1")]
    df = df.drop_duplicates("kode_wilayah").sort_values("kode_wilayah")
    kec = [(r.nama_wilayah.title(), int(r.nilai)) for r in df.itertuples() if len(r.kode_wilayah) == 7]
    city = next(int(r.nilai) for r in df.itertuples() if r.kode_wilayah == MEDAN)
    return kec, city


def medan_table(path: Path, extra: list[list[Any]]) -> Path:
    kec, _ = medan_dukcapil()
    rows: list[list[Any]] = [
        ["Tabel 3.1.1 Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2024"],
        ["Table 3.1.1 Population by Subdistrict in Medan Municipality, 2024"],
        ["Kecamatan/Subdistrict", "Jumlah Penduduk (jiwa)/Population"],
        *[[n, p] for n, p in kec],
        *extra,
        [],
        ["Sumber/Source: Dinas Kependudukan dan Catatan Sipil Kota Medan"],
    ]
    return T.write_xlsx(path, rows)


MEDAN_OPTIONS = Options(indikator="penduduk_dukcapil_smt1")


def test_subtotal_row_is_refused_not_stored_as_the_city(wh: Path, tmp_path: Path) -> None:
    kec, _ = medan_dukcapil()
    north = sum(p for _, p in kec[17:])  # Medan Deli, Labuhan, Marelan, Belawan
    path = medan_table(tmp_path / "t.xlsx", [["Jumlah Medan Utara", north]])
    messages = refused(path, wh, MEDAN_OPTIONS)
    assert messages[0].startswith(
        "Sel A25 (baris 25, kolom A): Baris 'Jumlah Medan Utara' tampak sebagai baris jumlah, "
        "tetapi bukan total Kota Medan"
    ), messages


@pytest.mark.parametrize(
    "label",
    [
        "Jumlah",
        "Total",
        "JUMLAH / TOTAL",
        "Jumlah/Total 1)",
        "Kota Medan",
        "Kota Medan 1)",
        "Kota Medan*",
        "KOTA MEDAN",
        "Kota Medan/Medan Municipality",
        "Jumlah Kota Medan",
    ],
)
def test_city_total_labels(wh: Path, tmp_path: Path, label: str) -> None:
    kec, city = medan_dukcapil()
    plan = prepare(medan_table(tmp_path / "t.xlsx", [[label, city]]), wh, MEDAN_OPTIONS)
    got = figures(plan)
    assert got[MEDAN] == city and len(got) == len(kec) + 1


def test_previous_year_rows_under_the_total_are_named_as_years(wh: Path, tmp_path: Path) -> None:
    """A Dalam Angka layout: the total, then earlier years' totals labelled "2023", "2022".
    (The figures are Medan's 2024 kecamatan sum and total repeated: real, though not those years'.)"""
    kec, city = medan_dukcapil()
    path = medan_table(tmp_path / "t.xlsx", [["Kota Medan", city], [2023, kec[0][1]]])
    messages = refused(path, wh, MEDAN_OPTIONS)
    assert messages[0].startswith(
        "Sel A26 (baris 26, kolom A): Kolom wilayah berisi tahun '2023', bukan wilayah"
    ), messages


def test_kecamatan_codes_stored_as_numbers_are_named_never_padded(wh: Path, tmp_path: Path) -> None:
    """Excel turns the code 010 into the number 10: refused with the likely code named (padding it
    silently would be a guess), not "code 10 is not known"."""
    kec, city = medan_dukcapil()
    rows: list[list[Any]] = [
        ["Tabel 3.1.1 Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2024"],
        ["Kode", "Kecamatan", "Jumlah Penduduk (jiwa)"],
        *[[10 * (i + 1), n, p] for i, (n, p) in enumerate(kec)],
        [None, "Kota Medan", city],
    ]
    messages = refused(T.write_xlsx(tmp_path / "t.xlsx", rows), wh, MEDAN_OPTIONS)
    assert messages[0].startswith(
        "Sel A3 (baris 3, kolom A): Kode wilayah '10' tidak dikenal: tampaknya nol di depannya hilang"
    ), messages
    assert "'010'" in messages[0] and "Format kolom kode sebagai Teks" in messages[0]


# --- Two tables on one sheet ------------------------------------------------------------------


def test_second_table_on_the_sheet_is_refused(wh: Path, tmp_path: Path) -> None:
    """Tabel 3.1.1 (2024) with its footer, then Tabel 3.1.2 below it: the import would keep only
    the first. (The second table's figures are Medan's 2024 ones: real, though not of 2023.)"""
    kec, city = medan_dukcapil()
    second = [
        [],
        ["Tabel 3.1.2 Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2023"],
        [],
        ["Kecamatan/Subdistrict", "Jumlah Penduduk (jiwa)/Population"],
        *[[n, p] for n, p in kec[:3]],
    ]
    rows: list[list[Any]] = [
        ["Tabel 3.1.1 Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2024"],
        ["Kecamatan/Subdistrict", "Jumlah Penduduk (jiwa)/Population"],
        *[[n, p] for n, p in kec],
        ["Kota Medan", city],
        [],
        ["Sumber/Source: Dinas Kependudukan dan Catatan Sipil Kota Medan"],
        *second,
    ]
    messages = refused(T.write_xlsx(tmp_path / "t.xlsx", rows), wh, MEDAN_OPTIONS)
    assert messages[0].startswith(
        "Sel A28 (baris 28, kolom A): Ada dua tabel pada satu lembar: tabel kedua mulai di sini "
        "('Tabel 3.1.2 Jumlah Penduduk"
    ), messages
    assert "Pisahkan tiap tabel" in messages[0]
    # without a footer between them, and with the second table's title right under the rows
    rows = rows[: len(kec) + 3] + second[1:]
    messages = refused(T.write_xlsx(tmp_path / "u.xlsx", rows), wh, MEDAN_OPTIONS)
    assert "Ada dua tabel pada satu lembar" in messages[0] and "baris 25" in messages[0], messages


def test_footers_notes_and_sources_below_one_table_still_import(wh: Path, tmp_path: Path) -> None:
    kec, city = medan_dukcapil()
    footer = [
        [],
        ["Sumber/Source: Dinas Kependudukan dan Catatan Sipil Kota Medan"],
        ["Catatan/Note: Tabel ini memuat penduduk terdaftar, bukan hasil sensus"],
        ["Keterangan: - nihil, ... tidak tersedia"],
        ["Source Url: https://medankota.bps.go.id/id/statistics-table"],
        ["Access Time: June 10, 2024, 2024"],
        [],
        ["Kota Medan Dalam Angka 2025"],
    ]
    rows: list[list[Any]] = [
        ["Tabel 3.1.1 Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2024"],
        ["Kecamatan/Subdistrict", "Jumlah Penduduk (jiwa)/Population"],
        *[[n, p] for n, p in kec],
        ["Kota Medan", city],
        *footer,
    ]
    plan = prepare(T.write_xlsx(tmp_path / "t.xlsx", rows), wh, MEDAN_OPTIONS)
    assert len(plan.figures) == len(kec) + 1 and figures(plan)[MEDAN] == city


# --- Malformed WebAPI responses ----------------------------------------------------------------


def api() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(API.read_text(encoding="utf-8"))
    doc.setdefault("domain", "1971")
    return doc


def without_tahun_label(doc: dict[str, Any]) -> dict[str, Any]:
    del doc["tahun"][0]["label"]
    return doc


def var_not_an_object(doc: dict[str, Any]) -> dict[str, Any]:
    doc["var"] = ["x", *doc["var"]]
    return doc


WEBAPI_OPTIONS = Options(indikator="penduduk_laki_laki_sp2010_olah_cepat")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (without_tahun_label, "Respons WebAPI tidak lengkap atau rusak: tahun[0] tanpa 'label'"),
        (var_not_an_object, "Respons WebAPI tidak lengkap atau rusak: var[0] bukan objek"),
        (lambda d: {**d, "vervar": {"val": 1}}, "'vervar' tidak ada, kosong, atau bukan daftar"),
        (lambda d: {**d, "tahun": [{"val": 111, "label": "2010"}]}, "val 111 bukan tahun 2010"),
        (lambda d: {**d, "datacontent": {"19710103101100": [1]}}, "bukan angka"),
    ],
    ids=["tahun_without_label", "var_not_an_object", "vervar_not_a_list", "year_val_label", "value_list"],
)
def test_malformed_webapi_is_refused_in_bahasa(wh: Path, tmp_path: Path, edit: Any, expected: str) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps(edit(api())), encoding="utf-8")
    messages = refused(path, wh, WEBAPI_OPTIONS)
    assert expected in messages[0] and "Perbaikan:" in messages[0], messages


def test_cli_refuses_malformed_webapi_without_traceback(
    wh: Path, tmp_path: Path, cli_walidata: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for edit in (without_tahun_label, var_not_an_object):
        path = tmp_path / "api.json"
        path.write_text(json.dumps(edit(api())), encoding="utf-8")
        args = ["import", str(path), "--user", cli_walidata, "--target", str(wh), "--yes"]
        code = cli.main([*args, "--indikator", "penduduk_laki_laki_sp2010_olah_cepat"])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("Impor dibatalkan; gudang data tidak berubah.")
        assert "Respons WebAPI tidak lengkap atau rusak" in err and "Error" not in err


def paths(doc: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document: the keys and indices leading to it."""
    out = [at] if at else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths(v, (*at, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths(v, (*at, i))
    return out


REPLACEMENTS = st.sampled_from(
    [None, True, False, 0, -1, 1.5, "", "x", "2010", "110", [], {}, ["x"], [{}], {"val": None}, [{"val": 1}]]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutated_webapi_response_is_read_or_refused(wh: Path, data: st.DataObject) -> None:
    """Drop a key or an item, or change a value's type, anywhere in a real response (up to three
    times): the import reads it or refuses it with a message; nothing else is ever raised."""
    doc = api()
    for _ in range(data.draw(st.integers(1, 3))):
        where = paths(doc)
        if not where:
            break
        path = data.draw(st.sampled_from(where))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(data.draw(REPLACEMENTS))
    try:
        prepare_webapi(doc, wh, WEBAPI_OPTIONS, "api.json")
    except ImportFailed as e:
        assert e.messages() and not any("Traceback" in m or "Error" in m for m in e.messages())
