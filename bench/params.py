"""Representative parameters for every read query, keyed by query name.

A query not listed here gets parameters from :func:`guess`, which fills the usual names
($kode, $kodes, $kota, $indicator, $indicators, $tahun, ...) with Kota Medan / IPM / 2021 style
values. A query whose parameters cannot be filled is reported as not parameterised.
"""

from __future__ import annotations

from typing import Any

from dalamangka import config, sql

MEDAN = "1275"
KODES = ["1275", "1671", "1971", "3375", "2172"]  # the five seed cities
HEADLINE = sorted({code for slot in config.HEADLINE_SLOTS for code in slot})

# Statements that write or manage the file (build steps, admin/, imports, the SKM survey import)
# are not benchmarked, nor notes/: the FGD notes live in their own SQLite file (dalamangka/notes),
# not in the warehouse.
WRITE_PREFIXES = ("build/", "admin/", "refresh/", "notes/", "import_insert_", "import_upsert_", "skm_insert_")

PARAMS: dict[str, dict[str, Any]] = {
    "headline_figures": {"kode": MEDAN, "indicators": HEADLINE},
    "indicator_series": {"kodes": [MEDAN], "indicators": HEADLINE},
    "trend_series": {"indicator": "ipm", "kodes": KODES},
    "compare_values": {"indicator": "ipm", "tahun": 2021},
    "compare_years": {"indicator": "ipm"},
    "about_indicator": {"indicator": "ipm"},
    "about_figures": {"indicator": "penduduk_sp2010_olah_cepat", "kode": MEDAN},
    "map_kecamatan_values": {"kota": MEDAN, "indicator": "penduduk_sp2010_olah_cepat", "tahun": 2010},
    "map_kecamatan_profile": {"kode": "1275010"},
    "map_kabkota_values": {"indicator": "ipm", "tahun": 2021, "kota_saja": False},
    "quality_bps_registry": {"bps": "penduduk_bps", "registry": "penduduk_dukcapil"},
    "import_batch_check": {"batch_id": 1, "source_id": "S01"},
    "import_existing_facts": {"indicators": ["ipm", "tpt"], "kodes": [MEDAN]},
    "import_template_regions": {"kode": MEDAN},
    "fact_revisions_latest": {"kode": MEDAN, "indicators": HEADLINE},
    "quality_series_pairs": {
        "first": "penduduk_dukcapil_smt1",
        "second": "penduduk_dukcapil",
        "kode": "1671",
    },
    "map_kecamatan_indicators": {"kota": MEDAN},
}

# Fallback values by parameter name.
DEFAULTS: dict[str, Any] = {
    "kode": MEDAN,
    "kota": MEDAN,
    "kodes": KODES,
    "indicator": "ipm",
    "indicators": ["ipm", "tpt", "penduduk_bps"],
    "tahun": 2021,
    "batch_id": 1,
    "source_id": "S01",
    "bps": "penduduk_bps",
    "registry": "penduduk_dukcapil",
    "kota_saja": False,
}


def read_queries() -> list[str]:
    """Every read query file of queries/ (not build steps, not import write statements)."""
    return [n for n in sql.query_names() if not n.startswith(WRITE_PREFIXES)]


def guess(name: str) -> dict[str, Any] | None:
    """Parameters for ``name``: from PARAMS, else filled by name from DEFAULTS (None if impossible)."""
    wanted = sql.load(name).params
    if name in PARAMS and set(PARAMS[name]) == wanted:
        return dict(PARAMS[name])
    if not wanted <= set(DEFAULTS):
        return None
    return {k: DEFAULTS[k] for k in wanted}


def scaled(params: dict[str, Any], indicator: str, tahun: int) -> dict[str, Any]:
    """The same parameters pointed at a synthetic indicator (for the national-scale warehouse)."""
    out = dict(params)
    if "indicator" in out:
        out["indicator"] = indicator
    if "indicators" in out:
        out["indicators"] = [*out["indicators"], indicator]
    if "tahun" in out:
        out["tahun"] = tahun
    return out
