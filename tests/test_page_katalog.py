"""AppTest of the metadata catalogue page on the shipped data."""

from __future__ import annotations

import io

import duckdb
import pandas as pd

from dalamangka import about, quality, quality_report, sql
from tests.conftest import AppFactory


def test_catalogue_lists_every_indicator_with_producer_and_completeness(app: AppFactory) -> None:
    at = app(page="pages/katalog.py", kota="Kota Medan")
    assert [t.value for t in at.title] == ["Katalog metadata indikator"]
    table = at.dataframe[0].value
    assert len(table) == 90
    assert list(table.columns) == [
        "Kode indikator", "Nama indikator", "Produsen", "Sumber", "Tahun", "Wilayah", "Kelengkapan metadata",
        "Kolom belum diketahui", "Penanda kualitas (angka terakhir)",
    ]  # fmt: skip
    producers = set(table["Produsen"])
    assert {"BPS", "Ditjen Dukcapil Kemendagri", "Badan Informasi Geospasial"} <= producers
    ipm = table[table["Kode indikator"] == "ipm"].iloc[0]
    assert ipm["Sumber"] == "S01" and ipm["Tahun"] == "2010–2021" and ipm["Kelengkapan metadata"] == "13/15"
    assert ipm["Kolom belum diketahui"] == "Kode kegiatan, Nama variabel pembangun"
    assert ipm["Penanda kualitas (angka terakhir)"] == "usang · seri berbeda"  # 2021 is the latest IPM here
    assert any(m.value.startswith("90 indikator;") for m in at.markdown)
    assert any(c.value.startswith("Sumber: data/indicators.toml") for c in at.caption)
    assert len(at.get("download_button")) == 2
    form = at.dataframe[1].value
    assert form.columns.tolist() == ["Kolom MS-Indikator", "Isi"]
    # one popover besides the sidebar's city picker (ui.picker)
    labels = [p.proto.popover.label for p in at.get("popover")]
    assert (
        len(labels) == 2
        and labels[0].startswith("Tentang data")
        and labels[1] == "Kota/kabupaten: Kota Medan"
    ), labels


def test_catalogue_filter_by_producer_and_pick_indicator(app: AppFactory) -> None:
    at = app(page="pages/katalog.py", kota="Kota Palembang")
    at.selectbox(key="katalog_produsen").select("Ditjen Dukcapil Kemendagri").run()
    assert not at.exception
    table = at.dataframe[0].value
    codes = table["Kode indikator"].tolist()
    old = [c for c in codes if not c.endswith("_dukcapil_smt1")]
    assert old == ["penduduk_dukcapil", "penduduk_laki_laki_dukcapil", "penduduk_perempuan_dukcapil"]
    assert len(codes) == 3 + 22  # + the 22 published fields of Dukcapil Semester I 2024 (S16)
    at.selectbox(key="katalog_indikator").select("penduduk_dukcapil").run()
    form = dict(at.dataframe[1].value.itertuples(index=False))
    assert form["Nama indikator"] == "Jumlah penduduk terdaftar (Dukcapil Semester II)"
    assert form["Metode/rumus penghitungan"] == "tidak diketahui"
    assert form["Dapat diakses umum?"] == "ya"


def test_catalogue_export_opens(full: duckdb.DuckDBPyConnection) -> None:
    catalog = sql.run(full, "catalog_indicators")
    table = about.catalog_table(catalog, quality.metadata_completeness(catalog))
    data = quality_report.workbook({"Katalog": table})
    back = pd.read_excel(io.BytesIO(data), sheet_name="Katalog", dtype=str).fillna("")
    assert len(back) == 90
    assert back["Kode indikator"].tolist() == table["Kode indikator"].tolist()
    assert "Konsep" in back.columns and "Kode kegiatan" in back.columns
    assert set(back["Kode kegiatan"]) == {"tidak diketahui"}
    csv = pd.read_csv(io.StringIO(table.to_csv(index=False)), dtype=str)
    assert len(csv) == 90


def test_catalogue_in_english(app: AppFactory) -> None:
    at = app(page="pages/katalog.py", kota="Kota Medan", lang="English")
    assert [t.value for t in at.title] == ["Indicator metadata catalogue"]
    assert at.dataframe[0].value.columns[0] == "Indicator code"
