"""Make ``tests/data/``: a handful of real rows from ``data/`` for the tiny warehouse fixture.

Run ``python tests/make_fixture.py`` after changing the selection; the output is committed.
Every row is copied unchanged from ``data/figures`` (provenance: data/figures/SOURCES.md).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "data"
OUT = ROOT / "tests" / "data"

CITIES = ["1275", "1671", "1971", "2172", "3375"]
OTHERS = ["1171", "1103"]  # Kota Banda Aceh, Kabupaten Aceh Selatan: peers for ranks
PROVINCES = ["11", "12", "16", "19", "21", "33"]

# file -> (indicators kept, years kept or None, extra region rule)
SELECTION: dict[str, tuple[list[str], range | None]] = {
    "kabkota_ipm_komponen_2010_2021.csv": (["ipm"], range(2019, 2022)),
    "kabkota_indikator_2021_cross_section.csv": (["persentase_penduduk_miskin_p0", "tpt"], None),
    "kabkota_tpt_tpak_2018_2024.csv": (["tpt"], range(2022, 2025)),
    "kabkota_pdrb_adhk_penduduk_2010_2017.csv": (["pdrb_per_kapita_adhk_2010"], range(2016, 2018)),
    "kabkota_penduduk_dukcapil_luas_big_2024.csv": (["jumlah_penduduk_dukcapil", "luas_wilayah"], None),
    "kecamatan_penduduk_sp2010.csv": (["jumlah_penduduk"], None),
    "kepri_kabkota_indikator_2010_2026.csv": (
        ["tpt", "persentase_penduduk_miskin_p0", "ipm_metode_uhh_lfsp2020", "inflasi_yoy_bulan_01"],
        range(2023, 2027),
    ),
    "kota_pekalongan_indikator_2016_2025.csv": (
        ["persentase_penduduk_miskin_p0", "laju_pertumbuhan_ekonomi"],
        range(2023, 2026),
    ),
    "kota5_kemiskinan_penduduk_2025.csv": (["jumlah_penduduk", "jumlah_penduduk_miskin"], None),
    "kecamatan_palembang_penduduk_dukcapil_2024.csv": (["jumlah_penduduk_dukcapil"], None),
    "kecamatan_luas_wilayah_bps_medan_pekalongan.csv": (["luas_wilayah_bps"], None),
    # S16: every field (the derived ratios and the age structure need them all)
    "kecamatan_5kota_penduduk_dukcapil_2024s1.csv": ([], None),
    "kabkota_pdrb_perkapita_adhb_2025.csv": (["pdrb_per_kapita_adhb"], None),
    "kabkota_pdrb_adhb_2025.csv": (["pdrb_adhb"], None),
    "sumut_kabkota_p0_2019_2023.csv": (["persentase_penduduk_miskin_p0"], None),
    "sumsel_kabkota_murid_2019_2024.csv": (["jumlah_murid_sd", "jumlah_murid_smk"], range(2019, 2021)),
}
# Regions kept in one file only, on top of keep_region (so the other files' rows stay as they were).
EXTRA_REGIONS: dict[str, tuple[str, ...]] = {
    "kecamatan_5kota_penduduk_dukcapil_2024s1.csv": ("1275010",),  # Medan Tuntungan: hand-checked ratios
}


def keep_region(code: str) -> bool:
    if code in CITIES or code in OTHERS or code in PROVINCES or code == "00":
        return True
    # kecamatan of Pangkalpinang and Pekalongan; three of Palembang
    return code[:4] in ("1971", "3375") or code in ("1671010", "1671011", "1671020")


def main() -> None:
    (OUT / "figures").mkdir(parents=True, exist_ok=True)
    (OUT / "geo").mkdir(parents=True, exist_ok=True)
    for name, (indicators, years) in SELECTION.items():
        df = pd.read_csv(SRC / "figures" / name, dtype=str, keep_default_na=False)
        regions = df.kode_wilayah.map(keep_region) | df.kode_wilayah.isin(EXTRA_REGIONS.get(name, ()))
        keep = (df.indikator.isin(indicators) if indicators else df.indikator.notna()) & regions
        if years is not None:
            keep &= df.tahun.astype(int).isin(years)
        df[keep].to_csv(OUT / "figures" / name, index=False)
    kab = pd.read_csv(
        SRC / "figures" / "ref_kabkota_kode_bps_kemendagri.csv", dtype=str, keep_default_na=False
    )
    kab[kab.kode_bps.isin(CITIES + OTHERS)].to_csv(
        OUT / "figures" / "ref_kabkota_kode_bps_kemendagri.csv", index=False
    )
    kec = pd.read_csv(
        SRC / "figures" / "ref_kecamatan_kode_bps_kemendagri_2020.csv", dtype=str, keep_default_na=False
    )
    kec[kec.kode_kab_bps.isin(CITIES)].to_csv(
        OUT / "figures" / "ref_kecamatan_kode_bps_kemendagri_2020.csv", index=False
    )
    # the province names come from the province rows of the IPM file
    ipm = pd.read_csv(
        OUT / "figures" / "kabkota_ipm_komponen_2010_2021.csv", dtype=str, keep_default_na=False
    )
    full = pd.read_csv(
        SRC / "figures" / "kabkota_ipm_komponen_2010_2021.csv", dtype=str, keep_default_na=False
    )
    prov = full[
        (full.level == "provinsi")
        & full.kode_wilayah.isin(PROVINCES)
        & (full.indikator == "ipm")
        & (full.tahun == "2021")
    ]
    pd.concat([ipm, prov]).drop_duplicates().to_csv(
        OUT / "figures" / "kabkota_ipm_komponen_2010_2021.csv", index=False
    )
    for name in ("ref_kecamatan_5kota.csv",):
        shutil.copy(SRC / "figures" / name, OUT / "figures" / name)
    shutil.copy(SRC / "geo" / "kecamatan.csv", OUT / "geo" / "kecamatan.csv")
    for name in ("sources.toml", "indicators.toml"):
        shutil.copy(SRC / name, OUT / name)


if __name__ == "__main__":
    main()
