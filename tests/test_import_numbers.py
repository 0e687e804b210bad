"""Numbers as files write them: a figure is read as the file states it, or the file is refused.

Real figures only: Dukcapil population of Medan's 21 kecamatan, semester I 2024
(`kecamatan_5kota_penduduk_dukcapil_2024s1.csv`, total 2,539,829), their areas from Kota Medan
Dalam Angka 2015 (`kecamatan_luas_wilayah_bps_medan_pekalongan.csv`), TPAK of Medan and
Palembang (`kabkota_tpt_tpak_2018_2024.csv`, S03) and the Gini ratio of Kota Tanjung Pinang
(`kepri_kabkota_indikator_2010_2026.csv`, S08). The layouts follow
`../shared/reference/bps-formats.md` sections 2-4.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dalamangka.importer import ImportFailed, Options, prepare
from dalamangka.importer.model import Problem
from dalamangka.importer.validate import convention, number
from tests import import_tables as T

MEDAN = "1275"
POP_TITLE = (
    "Tabel 3.1.1 Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2024 / "
    "Population by Subdistrict in Medan Municipality, 2024"
)
AREA_TITLE = "Tabel 1.1.2 Luas Wilayah Menurut Kecamatan di Kota Medan, 2015"
SOURCE = "Sumber/Source: Dinas Kependudukan dan Catatan Sipil Kota Medan"


def _figures(name: str, indicator: str, prefix: str) -> list[tuple[str, str, str]]:
    """(kode, name, value as the file writes it) of one indicator, in code order."""
    df = pd.read_csv(T.figures_file(name), dtype=str, keep_default_na=False)
    df = df[(df.indikator == indicator) & df.kode_wilayah.str.startswith(prefix)]
    return [
        (r.kode_wilayah, r.nama_wilayah.title(), r.nilai) for r in df.sort_values("kode_wilayah").itertuples()
    ]


POP = _figures("kecamatan_5kota_penduduk_dukcapil_2024s1.csv", "jumlah_penduduk_dukcapil_smt1", MEDAN)
AREA = _figures("kecamatan_luas_wilayah_bps_medan_pekalongan.csv", "luas_wilayah_bps", MEDAN)
POP_KEC = [f for f in POP if len(f[0]) == 7]
AREA_KEC = [f for f in AREA if len(f[0]) == 7]
POP_TOTAL = next(int(v) for k, _, v in POP if k == MEDAN)


@pytest.fixture(scope="module")
def wh(tiny_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("numbers") / "warehouse.duckdb"
    shutil.copyfile(tiny_warehouse, target)
    return target


def kecamatan_table(
    path: Path, title: str, label: str, body: list[tuple[str, str]], total: str | None
) -> Path:
    """A Dalam Angka kecamatan table whose figures are text cells (as a PDF conversion leaves them)."""
    rows: list[list[object]] = [[title], [], ["Kecamatan/Subdistrict", label]]
    rows += [[n, v] for n, v in body]
    if total is not None:
        rows.append(["Kota Medan", total])
    rows += [[], [SOURCE]]
    return T.write_xlsx(path, rows)


def values(plan: object) -> dict[str, float]:
    f = plan.figures  # type: ignore[attr-defined]
    return dict(zip(f.kode, f.nilai.astype(float), strict=True))


def refused(path: Path, wh: Path, options: Options) -> ImportFailed:
    with pytest.raises(ImportFailed) as e:
        prepare(path, wh, options)
    return e.value


# --- D02: no cell settles the convention ---------------------------------------------------------


def test_english_thousands_alone_are_refused_not_read_as_decimals(wh: Path, tmp_path: Path) -> None:
    """'99,787' is 99787 (English thousands) or 99.787 (Indonesian decimals): a kecamatan table
    is no evidence either way; it was stored as 99.787 jiwa."""
    body = [(n, f"{int(v):,}") for _, n, v in POP_KEC]
    path = kecamatan_table(tmp_path / "t.xlsx", POP_TITLE, "Jumlah Penduduk (jiwa)", body, None)
    err = refused(path, wh, Options(indikator="penduduk_dukcapil_smt1"))
    assert {p.code for p in err.problems} == {"ambiguous_separators"}
    first = err.messages()[0]
    assert first.startswith(
        "Sel B4 (baris 4, kolom B): Tidak dapat dipastikan apakah '99,787' memakai koma ribuan "
        "atau koma desimal"
    )
    assert "--desimal" in first
    # said once, with how many more cells are like it (the page listed 21 identical messages)
    assert len(err.messages()) == 1 and first.endswith("Hal yang sama ada di 20 sel lain.")
    # the user's choice settles it, and so does a cell that can only be read one way
    want = {k: float(v) for k, _, v in POP_KEC}
    chosen = prepare(path, wh, Options(indikator="penduduk_dukcapil_smt1", decimal="titik"))
    assert values(chosen) == want
    path = kecamatan_table(tmp_path / "u.xlsx", POP_TITLE, "Jumlah Penduduk (jiwa)", body, f"{POP_TOTAL:,}")
    assert values(prepare(path, wh, Options(indikator="penduduk_dukcapil_smt1"))) == {
        **want,
        MEDAN: float(POP_TOTAL),
    }


def test_three_decimals_after_one_dot_are_refused_not_read_as_thousands(wh: Path, tmp_path: Path) -> None:
    """'20.680' km² (Medan Tuntungan, 20,68) was stored as 20680."""
    body = [(n, f"{Decimal(v):.3f}") for _, n, v in AREA_KEC]
    path = kecamatan_table(tmp_path / "t.xlsx", AREA_TITLE, "Luas (km²)", body, None)
    err = refused(path, wh, Options(indikator="luas_wilayah_bps"))
    assert {p.code for p in err.problems} == {"ambiguous_separators"}
    assert err.messages()[0].startswith("Sel B4 (baris 4, kolom B): Tidak dapat dipastikan apakah '20.680'")
    plan = prepare(path, wh, Options(indikator="luas_wilayah_bps", decimal="titik"))
    assert values(plan) == {k: float(v) for k, _, v in AREA_KEC}


def test_indonesian_kecamatan_table_settled_by_its_own_cells_still_imports(wh: Path, tmp_path: Path) -> None:
    """'2.539.829' (two dots) settles the file: '99.787' is then 99787; '20,68' settles areas."""
    body = [(n, f"{int(v):,}".replace(",", ".")) for _, n, v in POP_KEC]
    total = f"{POP_TOTAL:,}".replace(",", ".")
    path = kecamatan_table(tmp_path / "t.xlsx", POP_TITLE, "Jumlah Penduduk (jiwa)", body, total)
    plan = prepare(path, wh, Options(indikator="penduduk_dukcapil_smt1"))
    assert values(plan) == {**{k: float(v) for k, _, v in POP_KEC}, MEDAN: float(POP_TOTAL)}
    body = [(n, v.replace(".", ",")) for _, n, v in AREA_KEC]
    path = kecamatan_table(tmp_path / "a.xlsx", AREA_TITLE, "Luas (km²)", body, "265,10")
    assert values(prepare(path, wh, Options(indikator="luas_wilayah_bps"))) == {
        **{k: float(v) for k, _, v in AREA_KEC},
        MEDAN: 265.10,
    }


# Gini ratio of Kota Tanjung Pinang 2020-2025 (S08): three decimals after a leading 0
GINI = {2020: "0.345", 2021: "0.347", 2022: "0.347", 2023: "0.339", 2024: "0.347", 2025: "0.318"}


def gini_table(path: Path, cells: list[str]) -> Path:
    """The dynamic-table XLSX layout (province block, then the city) with text cells."""
    rows: list[list[object]] = [
        ["Provinsi/Kabupaten/Kota", "Gini Ratio"],
        [None, *GINI],
        ["KEPULAUAN RIAU", *["-"] * len(GINI)],
        ["Kota Tanjung Pinang", *cells],
    ]
    return T.write_xlsx(path, rows)


def test_a_leading_zero_is_never_followed_by_a_thousands_group(wh: Path, tmp_path: Path) -> None:
    """'0,345' can only be 0.345 (it was read as 345 in a dynamic table); '0.347' in a file of
    decimal commas is another way of writing, refused (it was read as 347)."""
    comma = [v.replace(".", ",") for v in GINI.values()]
    plan = prepare(gini_table(tmp_path / "t.xlsx", comma), wh, Options(indikator="gini"))
    assert sorted(zip(plan.figures.tahun, plan.figures.nilai, strict=True)) == [
        (y, float(v)) for y, v in GINI.items()
    ]
    mixed = [*comma[:1], GINI[2021], *comma[2:]]
    err = refused(gini_table(tmp_path / "m.xlsx", mixed), wh, Options(indikator="gini"))
    assert [p.code for p in err.problems] == ["mixed_separators"]
    assert "'0.347'" in err.messages()[0] and "'0,345'" in err.messages()[0]


def test_numbers_that_need_no_convention(wh: Path, tmp_path: Path) -> None:
    """Numeric cells and plain integers are exact whatever the file's way of writing."""
    body_num = [(n, int(v)) for _, n, v in POP_KEC]
    rows: list[list[object]] = [[POP_TITLE], [], ["Kecamatan/Subdistrict", "Jumlah Penduduk (jiwa)"]]
    rows += [[n, v] for n, v in body_num] + [["Kota Medan", str(POP_TOTAL)], [], [SOURCE]]
    plan = prepare(T.write_xlsx(tmp_path / "t.xlsx", rows), wh, Options(indikator="penduduk_dukcapil_smt1"))
    assert values(plan) == {**{k: float(v) for k, _, v in POP_KEC}, MEDAN: float(POP_TOTAL)}


# --- the number reader on its own: a property ------------------------------------------------------


def written(value: Decimal, way: str, grouped: bool) -> str:
    """``value`` as a file in the Indonesian ("id") or English ("en") way writes it."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    thousands, decimal = (".", ",") if way == "id" else (",", ".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", thousands)
    return sign + whole + (decimal + frac if frac else "")


decimals = st.builds(
    lambda whole, frac, places, negative: (
        Decimal(f"{'-' if negative else ''}{whole}.{frac:0{places}d}")
        if places
        else Decimal(f"{'-' if negative else ''}{whole}")
    ),
    st.integers(0, 10**8),
    st.integers(0, 999),
    st.sampled_from([0, 1, 2, 3]),
    st.booleans(),
).filter(lambda d: len(str(abs(d)).partition(".")[2]) in (0, 1, 2, 3))


@settings(max_examples=400, deadline=None)
@given(
    figures=st.lists(decimals, min_size=1, max_size=6),
    way=st.sampled_from(["id", "en"]),
    grouped=st.booleans(),
    chosen=st.sampled_from([None, "right"]),
)
def test_a_written_figure_reads_as_itself_or_is_refused(
    figures: list[Decimal], way: str, grouped: bool, chosen: str | None
) -> None:
    """Each figure of a file written one way reads as exactly that figure, or the file is refused
    with the cell named; never as another number. With the user's (right) choice, none is refused."""
    cells = [(i + 1, written(d, way, grouped)) for i, d in enumerate(figures)]
    conv, mixed = convention(cells)
    assert mixed is None  # a file written one way never looks mixed
    assert conv in (None, way)
    if chosen:
        conv = conv or way
    for (row, s), d in zip(cells, figures, strict=True):
        got = number(s, conv, row, "B")
        if isinstance(got, Problem):
            assert chosen is None and got.code == "ambiguous_separators" and got.row == row, (s, got)
        else:
            assert got == float(d), (s, got, d)


@settings(max_examples=300, deadline=None)
@given(d=decimals, way=st.sampled_from(["id", "en"]), grouped=st.booleans())
def test_a_figure_that_settles_its_way_is_refused_under_the_other(
    d: Decimal, way: str, grouped: bool
) -> None:
    """A figure that can only be read one way ("0,345", "2.539.829", "20,68") is refused in a
    file settled the other way, never read as another number."""
    s = written(d, way, grouped)
    if convention([(1, s)])[0] is None:
        return  # readable both ways (or a plain integer): the file's other cells decide
    other = "en" if way == "id" else "id"
    got = number(s, other, 3, "B")
    assert isinstance(got, Problem) and got.code == "mixed_separators", (s, got)
    assert number(s, way, 3, "B") == float(d)


# --- D03: a decimal comma splits a CSV figure ------------------------------------------------------

TPAK = {  # S03, Sakernas Agustus
    ("Kota Medan", 2022): "62.23",
    ("Kota Medan", 2023): "64.67",
    ("Kota Palembang", 2022): "64.48",
    ("Kota Palembang", 2023): "67.51",
}


def tpak_csv(path: Path, medan: str) -> Path:
    """The BPS website's CSV export of TPAK 2022-2023 (decimal point), Medan's row as given."""
    lines = [
        "Province/Regency/City,,",
        ",Tingkat Partisipasi Angkatan Kerja (TPAK) (Persen),",
        ",2022,2023",
        "SUMATERA UTARA,-,-",
        f"Kota Medan,{medan}",
        "SUMATERA SELATAN,-,-",
        f"Kota Palembang,{TPAK[('Kota Palembang', 2022)]},{TPAK[('Kota Palembang', 2023)]}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_row_wider_than_its_header_is_refused_even_with_an_empty_last_field(
    wh: Path, tmp_path: Path
) -> None:
    """'Kota Medan,62,23,' = 2022 written '62,23', 2023 empty: four fields under a header of three
    (it was read as 2022 = 62 and 2023 = 23)."""
    err = refused(tpak_csv(tmp_path / "t.csv", "62,23,"), wh, Options(indikator="tpak"))
    assert [p.code for p in err.problems] == ["extra_fields"]
    assert err.messages()[0].startswith("Baris 5: Baris memuat 4 kolom, judulnya hanya 3")


def test_a_split_figure_as_wide_as_the_header_is_refused_where_it_shows(wh: Path, tmp_path: Path) -> None:
    """'Kota Medan,62,23' (the writer left the empty 2023 out): two integers where every other
    figure of these columns has a decimal point."""
    err = refused(tpak_csv(tmp_path / "t.csv", "62,23"), wh, Options(indikator="tpak"))
    assert [p.code for p in err.problems] == ["split_decimal"]
    assert err.messages()[0].startswith(
        "Sel B5 (baris 5, kolom B): '62' dan '23' (kolom B dan C) tampaknya satu angka desimal '62,23'"
    )
    # the same row written with its decimal point imports exactly
    medan = f"{TPAK[('Kota Medan', 2022)]},{TPAK[('Kota Medan', 2023)]}"
    plan = prepare(tpak_csv(tmp_path / "u.csv", medan), wh, Options(indikator="tpak"))
    got = {
        (k, int(y)): v
        for k, y, v in zip(plan.figures.kode, plan.figures.tahun, plan.figures.nilai, strict=True)
    }
    codes = {"Kota Medan": "1275", "Kota Palembang": "1671"}
    assert got == {(codes[n], y): float(v) for (n, y), v in TPAK.items()}


def test_a_decimal_part_starting_with_0_is_a_split_figure(wh: Path, tmp_path: Path) -> None:
    """TPT 2019 of Kota Pangkal Pinang is 5,01: unquoted it leaves '5' and '01' (S03)."""
    lines = [
        "Province/Regency/City,,",
        ",Tingkat Pengangguran Terbuka (TPT) (Persen),",
        ",2019,2020",
        "KEPULAUAN BANGKA BELITUNG,-,-",
        "Kota Pangkal Pinang,5,01",
    ]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(tmp_path / "t.csv", wh, Options(indikator="tpt"))
    assert [p.code for p in err.problems] == ["split_decimal"]
    assert "'5' dan '01'" in err.messages()[0] and "diawali 0" in err.messages()[0]


# --- D09a: the separator of an Indonesian Excel CSV --------------------------------------------------


def area_semicolon_csv(path: Path, head: list[str]) -> Path:
    """Kota Medan's kecamatan areas as Excel in an Indonesian locale saves them: ';' and '20,68'."""
    lines = [*head] + [f"{n};{v.replace('.', ',')}" for _, n, v in AREA_KEC] + ["Kota Medan;265,10"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "head",
    [
        [f"{AREA_TITLE};", "Kecamatan;Luas (km²)"],  # a comma in the title
        ["Kecamatan;Luas Wilayah (km2), 2015"],  # a comma in the header
    ],
)
def test_semicolon_csv_with_decimal_commas_and_a_comma_in_its_text(
    wh: Path, tmp_path: Path, head: list[str]
) -> None:
    """The data lines split by ';' decide, not a title or header with a comma in it (the ','
    reading gave 'no table' or the region 'Medan Tuntungan;20')."""
    plan = prepare(area_semicolon_csv(tmp_path / "t.csv", head), wh, Options(indikator="luas_wilayah_bps"))
    assert values(plan) == {**{k: float(v) for k, _, v in AREA_KEC}, MEDAN: 265.10}


def test_a_csv_split_as_well_by_two_separators_is_refused(wh: Path, tmp_path: Path) -> None:
    lines = [
        "Provinsi/Kabupaten/Kota,2023",
        f"Kota Medan,{TPAK[('Kota Medan', 2023)]}",
        f"Kota Palembang;{TPAK[('Kota Palembang', 2023)]}",
        "Kota Pekalongan;73.95",  # S03, as in tests/data/imports/bps_tpak_2023_5kota.csv
    ]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(tmp_path / "t.csv", wh, Options(indikator="tpak"))
    assert [p.code for p in err.problems] == ["ambiguous_delimiter"]
    assert err.messages()[0].startswith("Tidak dapat dipastikan pemisah kolom berkas CSV ini")


def test_a_column_left_out_settles_the_convention_too(wh: Path, tmp_path: Path) -> None:
    """A Dalam Angka table of areas ("20,68") and population ("99.787", no total row): importing
    the population column alone reads it the table's way; it was refused as ambiguous because only
    the imported cells were asked."""
    area = {n: v.replace(".", ",") for _, n, v in AREA_KEC}
    rows: list[list[object]] = [
        ["Tabel 3.1.1 Luas Wilayah dan Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2024"],
        ["Kecamatan", "Luas (km²)", "Jumlah Penduduk (jiwa)"],
        *[[n, area[n], f"{int(v):,}".replace(",", ".")] for _, n, v in POP_KEC if n in area],
    ]
    assert len(rows) == 2 + 21  # every kecamatan has both figures
    plan = prepare(
        T.write_xlsx(tmp_path / "t.xlsx", rows), wh, Options(columns={"C": "penduduk_dukcapil_smt1"})
    )
    assert values(plan) == {k: float(v) for k, _, v in POP_KEC}


def test_problems_beyond_the_limit_are_counted_not_dropped_silently() -> None:
    err = ImportFailed(
        [Problem("unknown_code", row=i + 2, column="A", fields={"code": str(i)}) for i in range(55)]
    )
    messages = err.messages(limit=50)
    assert len(messages) == 51 and messages[-1].startswith("… dan 5 masalah lain")
    assert err.messages("en", limit=50)[-1].startswith("… and 5 more problems")
    assert len(err.messages(limit=60)) == 55


def test_a_decimal_choice_the_file_contradicts_is_refused(wh: Path, tmp_path: Path) -> None:
    """The user chose the decimal point, but the total "2.539.829" can only be Indonesian: neither
    is taken over the other (the choice was ignored without a word)."""
    body = [(n, f"{int(v):,}".replace(",", ".")) for _, n, v in POP_KEC]
    total = f"{POP_TOTAL:,}".replace(",", ".")
    path = kecamatan_table(tmp_path / "t.xlsx", POP_TITLE, "Jumlah Penduduk (jiwa)", body, total)
    err = refused(path, wh, Options(indikator="penduduk_dukcapil_smt1", decimal="titik"))
    assert [p.code for p in err.problems] == ["decimal_contradicted"]
    assert "'2.539.829' di berkas hanya dapat dibaca dengan koma desimal" in err.messages()[0]
    ok = prepare(path, wh, Options(indikator="penduduk_dukcapil_smt1", decimal="koma"))
    assert values(ok)[MEDAN] == POP_TOTAL
