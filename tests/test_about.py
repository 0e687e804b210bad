"""The "Tentang data" panel: its queries, the pure builder, and the panel inside every headline card."""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from dalamangka import about, sql
from tests.cards import page_cards
from tests.conftest import AppFactory


def rows(frame: pd.DataFrame, columns: list[str] | None = None) -> list[tuple[object, ...]]:
    frame = frame if columns is None else frame[columns]
    out = []
    for rec in frame.itertuples(index=False):
        out.append(tuple(None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in rec))
    return out


SIBLINGS = ",".join(
    [
        "penduduk_bps",
        "penduduk_dukcapil_smt1",
        "penduduk_implisit_pdrb",
        "penduduk_sensus",
        "penduduk_sp2010_olah_cepat",
    ]
)


def test_about_indicator_rows(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "about_indicator", indicator="penduduk_dukcapil")
    assert rows(got, ["code", "producer", "seri_lain", "source_id", "status"]) == [
        ("penduduk_dukcapil", "Ditjen Dukcapil Kemendagri", SIBLINGS, "S07", "tidak_diketahui"),
        ("penduduk_dukcapil", "Ditjen Dukcapil Kemendagri", SIBLINGS, "S13", "tidak_diketahui"),
    ]
    assert rows(sql.run(tiny, "about_indicator", indicator="tidak_ada")) == []
    one = sql.run(tiny, "about_indicator", indicator="gini")
    assert rows(one, ["code", "seri_lain", "source_id"]) == [("gini", None, "S08")]


def test_about_figures_rows(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "about_figures", indicator="penduduk_sp2010_olah_cepat", kode="1971")
    assert rows(got) == [
        ("wilayah", 2010, 1, "sementara", "S05", None, False),
        ("kecamatan", 2010, 5, "sementara", "S05", "Kemendagri 2025 (Kepmendagri 300.2.2-2430/2025)", False),
    ]
    derived = sql.run(tiny, "about_figures", indicator="kepadatan_dukcapil_big", kode="1971")
    assert rows(derived) == [("wilayah", 2024, 1, "tidak_diketahui", "S07", None, True)]
    assert rows(sql.run(tiny, "about_figures", indicator="ipm", kode="")) == []


def _panel(
    con: duckdb.DuckDBPyConnection, code: str, kode: str, region: str, lang: str = "id"
) -> about.AboutPanel:
    info = sql.run(con, "about_indicator", indicator=code)
    figures = sql.run(con, "about_figures", indicator=code, kode=kode)
    catalog = sql.run(con, "catalog_indicators")
    names = dict(zip(catalog.code, catalog.name_id, strict=True))
    return about.build_panel(info, figures, region, 2026, lang, names=names, latest_anywhere=2025)


def test_panel_for_registry_population_of_palembang(full: duckdb.DuckDBPyConnection) -> None:
    panel = _panel(full, "penduduk_dukcapil", "1671", "Kota Palembang")
    sections = dict(panel.sections)
    assert panel.title == "Jumlah penduduk terdaftar (Dukcapil Semester II)"
    assert sections["Satuan"] == "jiwa"
    assert sections["Definisi"].startswith("Jumlah penduduk yang tercatat dalam administrasi kependudukan")
    assert sections["Cara penghitungan"] == "tidak diketahui"  # not given by the sources: not guessed
    assert "[S07] Kemendagri (kode wilayah); Ditjen Dukcapil" in sections["Sumber (publikasi dan tabel)"]
    assert "[S13]" in sections["Sumber (publikasi dan tabel)"]
    assert sections["Status angka"] == "status tidak dinyatakan sumber"
    assert sections["Pembaruan"] == (
        "Angka terakhir untuk Kota Palembang: 2024. Diperbarui tiap 1 tahun; angka berikutnya diharapkan "
        "untuk tahun 2025."
    )
    caveats = sections["Catatan dan peringatan"]
    assert "Jumlah penduduk (BPS)" in caveats and "tidak boleh disambung" in caveats  # series break
    assert "registrasi Dukcapil, bukan sensus/proyeksi BPS" in caveats  # registry vs census
    assert "Angka kecamatan (2024)" in caveats and "Kemendagri 2025" in caveats  # boundary vintage
    assert sections["Keandalan (RSE)"] == "Sumber yang dimuat tidak memberi RSE untuk angka ini."
    assert [b.kind for b in panel.badges] == ["status", "stale", "series", "registry"]
    meta = dict(panel.metadata)
    assert meta["Kode kegiatan"] == "tidak diketahui"
    assert meta["Dapat diakses umum?"] == "ya"


def test_panel_derived_and_english(full: duckdb.DuckDBPyConnection) -> None:
    panel = _panel(full, "kepadatan_dukcapil_big", "1275", "Kota Medan", "en")
    sections = dict(panel.sections)
    assert sections["How it is computed"] == (
        "Computed by the dashboard: penduduk_dukcapil / luas_wilayah_big (tahun dan wilayah yang sama)"
    )
    assert sections["Unit"] == "people/km²"
    assert ("", "Metadata fields are written in Bahasa Indonesia.") in panel.metadata
    sp = _panel(full, "penduduk_sp2010_olah_cepat", "1671", "Kota Palembang")
    assert dict(sp.sections)["Status angka"] == "angka sementara"
    assert [b.label for b in sp.badges][:2] == ["angka sementara", "usang"]
    missing = about.build_panel(sql.run(full, "about_indicator", indicator="x"), pd.DataFrame(), None, 2026)
    assert "tidak dikenal" in missing.text()


def _panels(at: object) -> list[str]:
    """Every card's "Tentang data" disclosure (its HTML), in page order."""
    return [m.value[m.value.index("<details") :] for m in at.markdown if 'class="kda-hc' in m.value]  # type: ignore[attr-defined]


def test_panel_under_every_headline_card(app: AppFactory) -> None:
    at = app(kota="Kota Medan")
    panels = _panels(at)
    assert len(panels) == len(page_cards(at)) > 0  # one panel per card, inside the card's HTML
    # no popover per card (issue 14: closed popovers cost a phone before the first card shows)
    assert [p.proto.popover.label for p in at.get("popover")] == ["QR", "Kota/kabupaten: Kota Medan"]
    summaries = [p[p.index("<summary>") + 9 : p.index("</summary>")] for p in panels]
    assert "Tentang data · usang · seri berbeda" in summaries  # IPM: the badges in its label
    ipm = next(p for p in panels if "Indeks Pembangunan Manusia (seri UHH proyeksi SP2010)" in p)
    assert "<b>Definisi</b>" in ipm and "<b>Sumber (publikasi dan tabel)</b>" in ipm
    assert "Angka terakhir untuk Kota Medan: 2021." in ipm
    # the MS-Indikator form one link away: the Katalog page of this indicator, city and language
    assert '<a href="katalog?ind=ipm&amp;kota=1275&amp;lang=id" target="_self">' in ipm
    assert ipm.startswith('<details class="kda-about">') and ipm.endswith("</details></div>")


def test_panel_in_english(app: AppFactory) -> None:
    at = app(kota="Kota Palembang", lang="English")
    summaries = [p[p.index("<summary>") + 9 : p.index("</summary>")] for p in _panels(at)]
    assert len(summaries) == len(page_cards(at)) > 0
    assert all(s.startswith("About the data") for s in summaries)
