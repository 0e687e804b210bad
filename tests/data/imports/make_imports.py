"""Make the import fixtures in this folder from real rows of ``data/figures`` (run once; the
output is committed). Every figure is copied unchanged; only the layout is that of each format.
See README.md for provenance and what each file is.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[3]
FIG = ROOT / "data" / "figures"
OUT = Path(__file__).resolve().parent
CITIES = [  # (province as BPS writes it in a dynamic table, city code, city as written there)
    ("SUMATERA UTARA", "1275", "Kota Medan"),
    ("SUMATERA SELATAN", "1671", "Kota Palembang"),
    ("KEPULAUAN BANGKA BELITUNG", "1971", "Kota Pangkal Pinang"),
    ("KEPULAUAN RIAU", "2172", "Kota Tanjung Pinang"),
    ("JAWA TENGAH", "3375", "Kota Pekalongan"),
]


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(FIG / name, dtype=str, keep_default_na=False)


def tpt() -> pd.DataFrame:
    df = read("kabkota_tpt_tpak_2018_2024.csv")
    return df[df.kode_wilayah.isin([c for _, c, _ in CITIES])]


def bps_xlsx() -> None:
    """Format 1: TPT 2018-2024 of the five cities, in their province blocks (S03)."""
    df = tpt()
    df = df[df.indikator == "tpt"]
    years = [str(y) for y in range(2018, 2025)]
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Provinsi/Kabupaten/Kota", "Tingkat Pengangguran Terbuka (TPT) (Persen)"])
    ws.merge_cells(start_row=1, start_column=2, end_row=1, end_column=1 + len(years))
    ws.append([None, *[int(y) for y in years]])
    for prov, kode, name in CITIES:
        ws.append([prov])  # province figures are not in data/: the block header stays empty
        vals = dict(zip(df[df.kode_wilayah == kode].tahun, df[df.kode_wilayah == kode].nilai, strict=True))
        ws.append([name, *[float(vals[y]) if y in vals else "-" for y in years]])
    ws.append([])
    ws.append(["Tingkat Pengangguran Terbuka menurut Kabupaten/Kota, Sakernas Agustus."])
    ws.append(
        ["Source Url: https://www.bps.go.id/id/statistics-table/2/NTQzIzI=/tingkat-pengangguran-terbuka.html"]
    )
    ws.append(["Access Time: (fixture; see README.md)"])
    wb.save(OUT / "bps_dinamis_tpt_5kota.xlsx")


def bps_csv() -> None:
    """Format 2: TPAK 2023 of the five cities (S03), newer BPS CSV layout."""
    df = tpt()
    df = df[(df.indikator == "tpak") & (df.tahun == "2023")]
    with (OUT / "bps_tpak_2023_5kota.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Province/Regency/City", ""])
        w.writerow(["", "Tingkat Partisipasi Angkatan Kerja (TPAK) (Persen)"])
        w.writerow(["", "2023"])
        for prov, kode, name in CITIES:
            row = df[df.kode_wilayah == kode]
            w.writerow([prov, "-"])
            w.writerow([name, row.nilai.iloc[0] if len(row) else "-"])


def dalam_angka_xlsx() -> None:
    """Format 3: Palembang population (Dukcapil) and density by kecamatan, 2024 (S13, from
    Kota Palembang Dalam Angka 2025), laid out like a Dalam Angka table."""
    df = read("kecamatan_palembang_penduduk_dukcapil_2024.csv")
    city = read("kabkota_penduduk_dukcapil_luas_big_2024.csv")
    total = city[(city.kode_wilayah == "1671") & (city.indikator == "jumlah_penduduk_dukcapil")].nilai.iloc[0]
    wb = Workbook()
    ws = wb.active
    ws.title = "Tabel 3.1.4"
    ws.append(["Tabel 3.1.4"])
    ws.append(["Jumlah Penduduk dan Kepadatan Penduduk Menurut Kecamatan di Kota Palembang, 2024"])
    ws.append(
        ["Table 3.1.4 Population and Population Density by Subdistrict in Palembang Municipality, 2024"]
    )
    ws.append([])
    ws.append(["Kecamatan/Subdistrict", "Penduduk/Population", None])
    ws.append([None, "Jumlah (jiwa)/Total (persons)", "Kepadatan per km²/Density per sq.km"])
    ws.append(["(1)", "(2)", "(3)"])
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:C5")
    names = {
        "1671010": "Ilir Barat II",
        "1671020": "Seberang Ulu I",
        "1671030": "Seberang Ulu II",
        "1671040": "Ilir Barat I",
        "1671041": "Bukit Kecil",
        "1671050": "Ilir Timur I",
        "1671060": "Ilir Timur II",
        "1671062": "Ilir Timur III",
        "1671071": "Sematang Borang",
        "1671081": "Alang-Alang Lebar",
    }
    pen = df[df.indikator == "jumlah_penduduk_dukcapil"].set_index("kode_wilayah").nilai
    kep = df[df.indikator == "kepadatan_penduduk_dukcapil"].set_index("kode_wilayah").nilai
    for kode in sorted(pen.index):
        nama = names.get(kode, df[df.kode_wilayah == kode].nama_wilayah.iloc[0].title())
        ws.append([nama, int(pen[kode]), int(kep[kode])])
    ws.append(["Kota Palembang", int(float(total)), "..."])
    ws.append([])
    ws.append(["Sumber/Source: BPS Kota Palembang, Kota Palembang Dalam Angka 2025 (data Ditjen Dukcapil)"])
    ws.append(["Catatan/Note: Data penduduk terdaftar Semester II 2024"])
    wb.save(OUT / "dalam_angka_palembang_penduduk_2024.xlsx")


def webapi_json() -> None:
    """Format 4: a WebAPI response for Kota Pangkalpinang's kecamatan (domain 1971): male
    population, SP2010 quick count (S05). Keys follow the documented concatenation."""
    df = read("kecamatan_penduduk_sp2010.csv")
    df = df[df.kode_wilayah.str.startswith("1971") & (df.level == "kecamatan")]
    df = df[df.indikator == "penduduk_laki_laki"]
    vervar = [
        {"val": int(k), "label": n.title()} for k, n in zip(df.kode_wilayah, df.nama_wilayah, strict=True)
    ]
    doc = {
        "status": "OK",
        "data-availability": "available",
        "last_update": "fixture: see README.md",
        "subject": [{"val": 12, "label": "Kependudukan"}],
        "var": [
            {
                "val": 31,
                "label": "Jumlah Penduduk Laki-laki menurut Kecamatan (Hasil Olah Cepat SP2010)",
                "unit": "Jiwa",
                "subj": "Kependudukan",
                "def": "",
                "decimal": 0,
                "note": "",
            }
        ],
        "turvar": [{"val": 0, "label": "Tidak ada"}],
        "labelvervar": "Kecamatan",
        "vervar": vervar,
        "tahun": [{"val": 110, "label": "2010"}],
        "turtahun": [{"val": 0, "label": "Tahun"}],
        "datacontent": {f"{k}310110" + "0": int(v) for k, v in zip(df.kode_wilayah, df.nilai, strict=True)},
        "related": [],
    }
    (OUT / "webapi_1971_penduduk_laki_sp2010.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1))


def template_csv() -> None:
    """Format 5: the tidy template filled with Kota Pangkal Pinang's TPT 2018-2024 (S03),
    numbers written the Indonesian way (decimal comma)."""
    df = tpt()
    df = df[(df.kode_wilayah == "1971") & (df.indikator == "tpt")]
    with (OUT / "templat_tpt_pangkalpinang.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["kode_wilayah", "nama_wilayah", "indikator", "tahun", "nilai", "satuan", "status", "sumber"]
        )
        for r in df.itertuples():
            w.writerow(
                [
                    r.kode_wilayah,
                    "Kota Pangkal Pinang",
                    "tpt",
                    r.tahun,
                    r.nilai.replace(".", ","),
                    "persen",
                    "",
                    "BPS, TPT menurut kabupaten/kota, Sakernas Agustus",
                ]
            )


def revision_csv() -> None:
    """A template with S02's TPT 2021 for Kabupaten Labuhan Batu Utara (5,74), which S03
    publishes as 5,71: imported into the full warehouse it is a real revision."""
    df = read("kabkota_indikator_2021_cross_section.csv")
    row = df[(df.kode_wilayah == "1223") & (df.indikator == "tpt")].iloc[0]
    with (OUT / "templat_revisi_tpt_labuhanbatuutara.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["kode_wilayah", "indikator", "tahun", "nilai", "satuan", "status", "sumber"])
        w.writerow(
            [
                row.kode_wilayah,
                "tpt",
                row.tahun,
                row.nilai.replace(".", ","),
                "persen",
                "",
                "BPS, Susenas/Sakernas 2021",
            ]
        )


if __name__ == "__main__":
    bps_xlsx()
    bps_csv()
    dalam_angka_xlsx()
    webapi_json()
    template_csv()
    revision_csv()
