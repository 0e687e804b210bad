"""Real-row tables in real BPS layouts, written at test time (shared by the import tests).

Figures: `data/figures/kecamatan_penduduk_sp2010.csv` (S05, SP2010 quick count by kecamatan and
sex, Kota Pangkalpinang: 5 kecamatan of 2010 and the city), `kabkota_tpt_tpak_2018_2024.csv`
(S03) and `ref_nama_ekspor_bps.csv` (the 549 names of a real national download). Layouts follow
`../shared/reference/bps-formats.md` section 2 and 4; nothing here is a BPS download itself.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
FIG = ROOT / "data" / "figures"
SHARED_FIG = Path("/work/shared/data/figures")
CITY = "1971"
CITY_NAME = "Kota Pangkalpinang"
# the book's spelling of the five kecamatan of 2010, in code order
KECAMATAN = [
    ("010", "Rangkui"),
    ("020", "Bukit Intan"),
    ("030", "Pangkal Balam"),
    ("040", "Taman Sari"),
    ("041", "Gerunggang"),
]
SEX = {"penduduk_laki_laki": "Laki-laki/Male", "penduduk_perempuan": "Perempuan/Female"}
TOTAL = "jumlah_penduduk"


def figures_file(name: str) -> Path:
    path = FIG / name
    return path if path.exists() else SHARED_FIG / name


def sp2010() -> dict[tuple[str, str], int]:
    """(kode, indikator) -> the SP2010 quick-count figure of Pangkalpinang and its kecamatan."""
    df = pd.read_csv(figures_file("kecamatan_penduduk_sp2010.csv"), dtype=str, keep_default_na=False)
    df = df[df.kode_wilayah.str.startswith(CITY) & df.indikator.isin([TOTAL, *SEX])]
    return {(r.kode_wilayah, r.indikator): int(r.nilai) for r in df.itertuples()}


def sex_rows(code_style: str = "none") -> list[list[Any]]:
    """One row per kecamatan (then the city total): name (and code), Laki-laki, Perempuan, Jumlah."""
    f = sp2010()
    out: list[list[Any]] = []
    for code, name in KECAMATAN:
        full = CITY + code
        values = [f[(full, "penduduk_laki_laki")], f[(full, "penduduk_perempuan")], f[(full, TOTAL)]]
        if code_style == "none":
            out.append([name, *values])
        elif code_style == "kode_first":
            out.append([code, name, *values])
        elif code_style == "name_first":
            out.append([name, code, *values])
        elif code_style == "one_cell3":
            out.append([f"{code} {name}", *values])
        elif code_style == "one_cell7":
            out.append([f"{full} {name}", *values])
    return out


def city_total() -> list[int]:
    f = sp2010()
    return [f[(CITY, "penduduk_laki_laki")], f[(CITY, "penduduk_perempuan")], f[(CITY, TOTAL)]]


def expected_sex(indicators: dict[str, str], with_city: bool = True) -> list[tuple[str, str, int, float]]:
    """Sorted (indicator, kode, tahun, nilai) the sex table states, indicators named per column."""
    f = sp2010()
    out = []
    for source, target in indicators.items():
        for code, _ in KECAMATAN:
            out.append((target, CITY + code, 2010, float(f[(CITY + code, source)])))
        if with_city:
            out.append((target, CITY, 2010, float(f[(CITY, source)])))
    return sorted(out)


def write_xlsx(
    path: Path,
    rows: list[list[Any]],
    merges: list[str] | None = None,
    title: str = "Tabel 3.1.2",
    before: list[tuple[str, list[list[Any]]]] | None = None,
) -> Path:
    """A workbook with ``rows`` on sheet ``title`` (after the sheets in ``before``)."""
    wb = Workbook()
    first = True
    for name, content in [*(before or []), (title, rows)]:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = name
        for r in content:
            ws.append(r)
        if name == title:
            for m in merges or []:
                ws.merge_cells(m)
    wb.save(path)
    return path


def dalam_angka_sex(path: Path, code_style: str = "none", **kw: Any) -> Path:
    """Kota Pangkalpinang Dalam Angka 2011, Tabel 3.1.2: population by kecamatan and sex, 2010.

    A cover line and a chapter line above the table's own title (the book is 2011, the figures
    2010), a two-row merged header, a row of column numbers, a total row and a footer."""
    lead = {"none": 1, "kode_first": 2, "name_first": 2, "one_cell3": 1, "one_cell7": 1}[code_style]
    region = {
        "none": ["Kecamatan/Subdistrict"],
        "kode_first": ["Kode/Code", "Kecamatan/Subdistrict"],
        "name_first": ["Kecamatan/Subdistrict", "Kode/Code"],
        "one_cell3": ["Kecamatan/Subdistrict"],
        "one_cell7": ["Kecamatan/Subdistrict"],
    }[code_style]
    pad = [None] * (lead - 1)
    c0 = "ABCDEFG"[lead]
    c2 = "ABCDEFG"[lead + 2]
    rows = [
        ["Kota Pangkalpinang Dalam Angka 2011"],
        ["Bab 3 Penduduk dan Ketenagakerjaan"],
        [],
        ["Tabel 3.1.2 Penduduk Menurut Kecamatan dan Jenis Kelamin di Kota Pangkalpinang, 2010"],
        ["Table 3.1.2 Population by Subdistrict and Sex in Pangkalpinang Municipality, 2010"],
        [*region, "Jenis Kelamin/Sex", None, None],
        [*pad, None, "Laki-laki/Male", "Perempuan/Female", "Jumlah/Total"],
        [f"({i + 1})" for i in range(lead + 3)],
        *sex_rows(code_style),
        [
            *(["Kota Pangkalpinang", *pad] if code_style != "kode_first" else [None, "Kota Pangkalpinang"]),
            *city_total(),
        ],
        [],
        ["Sumber/Source: BPS, Hasil Sensus Penduduk 2010 (angka sementara)"],
    ]
    merges = [f"{c0}6:{c2}6"] + [f"{'ABC'[k]}6:{'ABC'[k]}7" for k in range(lead)]
    return write_xlsx(path, rows, merges, **kw)


def tpt_2022_2023() -> dict[tuple[str, int], float]:
    df = pd.read_csv(figures_file("kabkota_tpt_tpak_2018_2024.csv"), dtype=str, keep_default_na=False)
    df = df[(df.indikator == "tpt") & df.tahun.isin(["2022", "2023"])]
    return {(r.kode_wilayah, int(r.tahun)): float(r.nilai) for r in df.itertuples()}


def export_names() -> list[tuple[str, str]]:
    with figures_file("ref_nama_ekspor_bps.csv").open(encoding="utf-8") as f:
        return [(r["kode_wilayah"], r["nama_di_ekspor_bps"]) for r in csv.DictReader(f)]


def national_dynamic(path: Path) -> Path:
    """A national dynamic-table download: every province and kab/kota as BPS prints them, TPT
    2022-2023 where the project holds the figure, "..." where it does not (provinces)."""
    tpt = tpt_2022_2023()
    rows: list[list[Any]] = [["Provinsi/Kabupaten/Kota", "Tingkat Pengangguran Terbuka (TPT) (Persen)", None]]
    rows.append([None, 2022, 2023])
    for code, name in export_names():
        rows.append([name, *[tpt.get((code, y), "...") for y in (2022, 2023)]])
    rows += [
        [],
        ["Source Url: https://www.bps.go.id/id/statistics-table/2/NTQzIzI=/tpt.html"],
        ["Access Time: uji"],
    ]
    return write_xlsx(path, rows, ["B1:C1"], title="Sheet1")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused_untouched(path: Path, wh: Path, options: Any, session: Any, source: Any) -> list[str]:
    """Prepare and commit ``path`` into ``wh``, which must be refused: the messages, each quote
    clipped to 80 characters and no Python error in them, with the warehouse byte-identical and
    nothing written beside it."""
    import pytest

    from dalamangka.importer import ImportFailed, commit, prepare

    before = sha(wh)
    with pytest.raises(ImportFailed) as info:
        commit(prepare(path, wh, options), session, source, wh)
    messages = info.value.messages()
    assert all(len(q) <= 80 for m in messages for q in re.findall(r"'([^']*)'", m)), messages
    assert not any(re.search(r"\b[A-Z][a-z]+(Error|Exception)\b|Traceback", m) for m in messages)
    assert sha(wh) == before
    assert sorted(p.name for p in wh.parent.iterdir()) == ["warehouse.duckdb"]
    return messages
