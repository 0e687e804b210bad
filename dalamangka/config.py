"""Paths and fixed choices of the product, in one place."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FIGURES_DIR = DATA_DIR / "figures"
GEO_DIR = DATA_DIR / "geo"
QUERIES_DIR = ROOT / "queries"
SOURCES_FILE = DATA_DIR / "sources.toml"
INDICATORS_FILE = DATA_DIR / "indicators.toml"


def warehouse_path() -> Path:
    """Where the warehouse lives; DALAMANGKA_WAREHOUSE overrides it (tests, benchmarks)."""
    return Path(os.environ.get("DALAMANGKA_WAREHOUSE", DATA_DIR / "warehouse.duckdb"))


# The five seed cities, in the order the pickers list them (BPS codes).
SEED_CITIES: tuple[str, ...] = ("1971", "1671", "1275", "3375", "2172")
# "1": a replica's warm-up run builds the seed cities' first screens (set by ``serve``)
WARM_VIEWS_ENV = "DALAMANGKA_WARM_VIEWS"
DEFAULT_CITY = "1971"
# the cities whose first screens serve prepares before the room arrives (comma-separated BPS
# codes; default SEED_CITIES): `serve --kota`, or the test suite's narrower list
PREPAINT_CITIES_ENV = "DALAMANGKA_PREPAINT_CITIES"
# the national map's boundary files, served at app/static/geo/ (Streamlit's static serving, or
# the front door of dalamangka.front); named by their digest (dalamangka.vegamap.geometry_name)
GEOMETRY_DIR = ROOT / "static" / "geo"
# "0": `streamlit run app.py` without the front door (dalamangka.front): served as Streamlit serves it
FRONT_ENV = "DALAMANGKA_FRONT"

# Long-format figure files (kode_wilayah, nama_wilayah, level, indikator, tahun, nilai, satuan,
# sumber) that feed `observations`. The ref_* lookup files are read by the region build.
FACT_FILES: tuple[str, ...] = (
    "kabkota_ipm_komponen_2010_2021.csv",
    "kabkota_indikator_2021_cross_section.csv",
    "kabkota_tpt_tpak_2018_2024.csv",
    "kabkota_pdrb_adhk_penduduk_2010_2017.csv",
    "kabkota_penduduk_dukcapil_luas_big_2024.csv",
    "kecamatan_penduduk_sp2010.csv",
    "kepri_kabkota_indikator_2010_2026.csv",
    "kota_pekalongan_indikator_2016_2025.csv",
    "kota5_kemiskinan_penduduk_2025.csv",
    "kecamatan_palembang_penduduk_dukcapil_2024.csv",
    "kecamatan_luas_wilayah_bps_medan_pekalongan.csv",
    "kecamatan_5kota_penduduk_dukcapil_2024s1.csv",
    "kabkota_pdrb_perkapita_adhb_2025.csv",
    "kabkota_pdrb_adhb_2025.csv",
    "sumut_kabkota_p0_2019_2023.csv",
    "sumsel_kabkota_murid_2019_2024.csv",
)

# Headline cards (issue 16), in the order of policy priority: IPM, poverty, unemployment,
# economic growth, population, then the rest; the first HEADLINE_LARGE are drawn larger. A slot
# lists the series of one concept: the card shows the series with the region's newest figure
# (ties: the earlier code) and names it; each rank uses the series and latest year that at least
# RANK_MIN_SHARE of the group has (dalamangka/headline.py). Series are never mixed inside a card.
# `pdrb_per_kapita_adhb` (PDRB per capita at current prices 2025, all 514 kab/kota) comes with
# issue 12; until it is in the warehouse the slot falls back to the older series.
HEADLINE_SLOTS: tuple[tuple[str, ...], ...] = (
    ("ipm_uhh_lfsp2020", "ipm_seri_pekalongan_da2026", "ipm"),
    ("p0",),
    ("tpt",),
    ("lpe",),
    ("penduduk_bps", "penduduk_dukcapil", "penduduk_sensus", "penduduk_sp2010_olah_cepat"),
    ("pdrb_per_kapita_adhb", "pdrb_per_kapita_kepri", "pdrb_per_kapita_adhk_2010"),
    ("penduduk_miskin",),
    ("tpak",),
    ("kepadatan_dukcapil_big",),
    ("luas_wilayah_big", "luas_wilayah_bps"),
    ("sanitasi_layak",),
    ("air_minum_layak",),
)
HEADLINE_LARGE = 4
RANK_MIN_SHARE = 0.8

# Bandingkan, "kota of similar population": the figure that defines the band (the series with
# every kab/kota), and the default band in percent either side of the chosen city.
SIMILAR_POPULATION_INDICATOR = "penduduk_dukcapil"
SIMILAR_POPULATION_BAND = 50
SIMILAR_POPULATION_BANDS: tuple[int, ...] = (10, 25, 50, 100)
