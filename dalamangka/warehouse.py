"""Build the DuckDB warehouse from ``data/``.

The build writes a temporary file beside the target and renames it into place only when every
step and check has passed, so a failed build never leaves a broken or half-built warehouse.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dalamangka import config, geo, sql
from dalamangka.names import proper_name

Progress = Callable[[float, str], None]


def build_steps() -> list[str]:
    """The build statements, in file-name order: ``queries/build/NN_*.sql`` with NN < 90.

    Numbering: 0x-1x core tables and facts, 2x geometry, 3x imports, 4x quality; 9x are checks
    run after the build. A feature adds its tables by adding files, not by editing this module.
    """
    names = [n for n in sql.query_names() if n.startswith("build/")]
    return [n for n in names if int(n.split("/")[1][:2]) < 90]


def refresh_steps() -> list[str]:
    """Statements that recompute the summary tables from the facts (``queries/refresh/*.sql``)."""
    return [n for n in sql.query_names() if n.startswith("refresh/")]


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every summary table; run by the build and inside each import's transaction.

    Whole-warehouse aggregates (indicator coverage, the quality checks) are computed once per
    data change instead of once per page view, which keeps them fast on a national warehouse.
    """
    for step in refresh_steps():
        sql.execute(con, step)


# Python-side inputs: functions that register DataFrames (``stage_*`` views) on the build
# connection before the SQL steps run. Features append theirs (e.g. geometry) here.
Stager = Callable[[duckdb.DuckDBPyConnection, Path], None]
STAGERS: list[Stager] = []
STAGERS.append(geo.stage_shapes)  # boundaries: table `shapes`, kelurahan regions (issue 3)

INDICATOR_COLUMNS = (
    "name_id", "name_en", "short_id", "short_en", "unit_id", "unit_en", "decimals",
    "higher_is_better", "chapter", "concept", "additive", "update_years", "producer",
    "definition_id", "definition_en", "method_id", "interpretation_id", "komposit",
    "indikator_pembangun", "kegiatan_penghasil", "level_estimasi",
    "konsep_id", "klasifikasi_penyajian", "kode_kegiatan", "variabel_pembangun", "akses_umum",
    "nilai_min", "nilai_maks", "lonjakan_maks", "release_lag_years",
)  # fmt: skip


class BuildError(RuntimeError):
    """The data in ``data/`` does not make a consistent warehouse; the message says why."""


def _toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def stage_sources(data_dir: Path) -> pd.DataFrame:
    """Source records of ``sources.toml`` as rows."""
    rows = []
    for source_id, rec in _toml(data_dir / "sources.toml").items():
        rows.append(
            {
                "source_id": source_id,
                "publisher": rec["publisher"],
                "publication": rec["publication"],
                "table_name": rec.get("table"),
                "repository": rec.get("repository"),
                "commit_sha": rec.get("commit") or None,
                "path": rec.get("path") or None,
                "licence": rec["licence"],
                "caveats": rec.get("caveats"),
                "status": rec["status"],
                "rank": rec["rank"],
                "cite_id": rec["cite_id"],
                "cite_en": rec["cite_en"],
            }
        )
    return pd.DataFrame(rows)


def stage_indicators(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicator records of ``indicators.toml`` and their source mapping, as rows."""
    indicators, inputs = [], []
    for code, rec in _toml(data_dir / "indicators.toml").items():
        missing = [k for k in ("name_id", "name_en", "unit_id", "definition_id") if not rec.get(k)]
        if missing:
            raise BuildError(f"indikator {code}: kolom wajib kosong {missing}")
        row: dict[str, Any] = {"code": code}
        row.update({c: rec.get(c) for c in INDICATOR_COLUMNS})
        row["derived_formula"] = rec.get("derived")
        indicators.append(row)
        for item in rec.get("from", []):
            source_id, raw = item.split(":", 1)
            inputs.append({"indicator": code, "source_id": source_id, "raw_pattern": raw})
    frame = pd.DataFrame(indicators)
    frame = frame.astype({"higher_is_better": "boolean", "komposit": "boolean"})
    return frame, pd.DataFrame(inputs)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a DataFrame as plain dicts (typed loosely, read by column name)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def stage_regions(data_dir: Path) -> pd.DataFrame:
    """Every region the figures refer to, from the BPS/Kemendagri reference lists."""
    fig = data_dir / "figures"

    def read(path: Path) -> pd.DataFrame:
        return pd.read_csv(path, dtype=str, keep_default_na=False)

    kab = read(fig / "ref_kabkota_kode_bps_kemendagri.csv")
    kec = read(fig / "ref_kecamatan_kode_bps_kemendagri_2020.csv")
    kec5 = read(fig / "ref_kecamatan_5kota.csv")
    ipm = read(fig / "kabkota_ipm_komponen_2010_2021.csv")
    sp = read(fig / "kecamatan_penduduk_sp2010.csv")
    geo = read(data_dir / "geo" / "kecamatan.csv")
    luas = read(fig / "kabkota_penduduk_dukcapil_luas_big_2024.csv")
    area = {
        str(r["kode_wilayah"]): float(r["nilai"]) for r in records(luas[luas.indikator == "luas_wilayah"])
    }

    prov = ipm[ipm.level == "provinsi"].drop_duplicates("kode_wilayah")
    prov_names = {str(r["kode_wilayah"]): proper_name(str(r["nama_wilayah"])) for r in records(prov)}
    rows: list[dict[str, Any]] = [
        {"kode": "00", "kode_bps": "00", "nama": "Indonesia", "nama_bps": "INDONESIA",
         "level": "nasional", "parent": None, "provinsi": None, "is_current": True}
    ]  # fmt: skip
    for k, n in prov_names.items():
        rows.append({"kode": k, "kode_bps": k, "nama": n, "nama_bps": n.upper(),
                     "level": "provinsi", "parent": "00", "provinsi": k, "is_current": True})  # fmt: skip
    for r in records(kab):
        is_kota = r["nama_bps"].startswith("KOTA ")
        rows.append({
            "kode": r["kode_bps"], "kode_bps": r["kode_bps"], "kode_kemendagri": r["kode_kemendagri_2025"],
            # the reference list writes "Kota Administrasi Jakarta Utara " (a trailing space): a
            # link or a search by the name would miss it
            "nama": " ".join(r["nama_kemendagri_2025"].split()), "nama_bps": r["nama_bps"],
            "level": "kota" if is_kota else "kabupaten", "parent": r["kode_bps"][:2],
            "provinsi": r["kode_bps"][:2], "is_current": True,
            "luas_km2": area.get(r["kode_bps"]),
            "luas_sumber": "BIG 2024 (S07)" if r["kode_bps"] in area else None,
        })  # fmt: skip
    known = {r["kode"] for r in rows}
    old_kab = sp[sp.level.isin(["kabupaten", "kota"]) & ~sp.kode_wilayah.isin(known)]
    for r in records(old_kab.drop_duplicates("kode_wilayah")):
        rows.append({
            "kode": r["kode_wilayah"], "kode_bps": r["kode_wilayah"], "nama": proper_name(r["nama_wilayah"]),
            "nama_bps": r["nama_wilayah"], "level": r["level"], "parent": r["kode_wilayah"][:2],
            "provinsi": r["kode_wilayah"][:2], "is_current": False, "batas_vintage": "2010",
            "catatan": "Kode BPS 2010, sebelum pembentukan Provinsi Kalimantan Utara (2012).",
        })  # fmt: skip

    seed = {str(r["kode_kec_bps"]): r for r in records(kec5)}
    geo_area = {str(r["kode_kecamatan_bps"]): float(r["luas_km2"]) for r in records(geo)}
    for r in records(kec):
        row = {
            "kode": r["kode_kec_bps"], "kode_bps": r["kode_kec_bps"],
            "kode_kemendagri": r["kode_kec_kemendagri"],
            "nama": proper_name(r["nama_kec_bps"]), "nama_bps": r["nama_kec_bps"], "level": "kecamatan",
            "parent": r["kode_kab_bps"], "provinsi": r["kode_kab_bps"][:2], "is_current": True,
            "batas_vintage": "BPS 2020 semester 2",
        }  # fmt: skip
        if r["kode_kec_bps"] in seed:
            s = seed[r["kode_kec_bps"]]
            row["kode_kemendagri"] = s["kode_kec_kemendagri_2025"]
            row["batas_vintage"] = "Kemendagri 2025 (Kepmendagri 300.2.2-2430/2025)"
            if s["ada_di_sp2010"] == "False":
                row["catatan"] = "Dibentuk setelah SP2010; tidak ada angka SP2010 untuk kecamatan ini."
        if r["kode_kec_bps"] in geo_area:
            row["luas_km2"] = geo_area[r["kode_kec_bps"]]
            row["luas_sumber"] = "luas poligon batas (dihitung, bukan luas BPS)"
        rows.append(row)
    known = {r["kode"] for r in rows}
    old_kec = sp[(sp.level == "kecamatan") & ~sp.kode_wilayah.isin(known)]
    for r in records(old_kec.drop_duplicates("kode_wilayah")):
        rows.append({
            "kode": r["kode_wilayah"], "kode_bps": r["kode_wilayah"], "nama": proper_name(r["nama_wilayah"]),
            "nama_bps": r["nama_wilayah"], "level": "kecamatan", "parent": r["kode_wilayah"][:4],
            "provinsi": r["kode_wilayah"][:2], "is_current": False, "batas_vintage": "2010",
            "catatan": "Kode kecamatan SP2010 yang tidak ada lagi dalam daftar BPS 2020.",
        })  # fmt: skip
    cols = ["kode", "kode_bps", "kode_kemendagri", "nama", "nama_bps", "level", "parent",
            "provinsi", "luas_km2", "luas_sumber", "batas_vintage", "is_current", "catatan"]  # fmt: skip
    frame = pd.DataFrame(rows).reindex(columns=cols)
    return frame.astype({"luas_km2": "float64", "is_current": "bool"})


def _noop(_fraction: float, _message: str) -> None:
    return None


def build(target: Path | None = None, data_dir: Path = config.DATA_DIR, progress: Progress = _noop) -> Path:
    """Build the warehouse at ``target`` (default: the configured path) from ``data_dir``."""
    target = target or config.warehouse_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".build-", suffix=".duckdb", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        progress(0.05, "Membaca metadata sumber dan indikator")
        con = duckdb.connect(str(tmp))
        try:
            con.register("stage_sources", stage_sources(data_dir))
            indicators, inputs = stage_indicators(data_dir)
            con.register("stage_indicators", indicators)
            con.register("stage_indicator_inputs", inputs)
            progress(0.15, "Menyusun daftar wilayah")
            con.register("stage_regions", stage_regions(data_dir))
            for stager in STAGERS:
                stager(con, data_dir)
            files = [str(data_dir / "figures" / f) for f in config.FACT_FILES]
            available = {"files": files, "data_dir": str(data_dir), "fingerprint": fingerprint(data_dir)}
            steps = build_steps()
            for i, step in enumerate(steps):
                progress(0.2 + 0.7 * i / len(steps), f"Langkah {step.split('/')[-1]}")
                wanted = sql.load(step).params
                sql.execute(con, step, **{k: v for k, v in available.items() if k in wanted})
            progress(0.92, "Menghitung ringkasan")
            refresh(con)
            unmapped = sql.run(con, "build/90_check_unmapped_rows", files=files)
            if len(unmapped):
                raise BuildError(f"baris tanpa indikator/sumber: {unmapped.head(10).to_dict('records')}")
            sql.execute(con, "admin/checkpoint")
        finally:
            con.close()
        os.replace(tmp, target)
        progress(1.0, "Gudang data siap")
        return target
    except duckdb.Error as e:
        raise BuildError(str(e)) from e
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that sees the file now at ``path``.

    DuckDB shares one database instance per path inside a process, so ``connect(path,
    read_only=True)`` next to an older open connection would keep serving a file that an import
    has since replaced. Attaching from a fresh in-memory database opens the current file.
    Cursors of this connection must run ``admin/use_warehouse`` (see :func:`cursor`).
    """
    con = duckdb.connect()
    sql.execute(con, "admin/attach_read_only", path=str(path))
    sql.execute(con, "admin/use_warehouse")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A thread-safe cursor of an :func:`open_read_only` connection, pointed at the warehouse."""
    cur = con.cursor()
    sql.execute(cur, "admin/use_warehouse")
    return cur


# What a warehouse is built from, besides data/: a change to any of these makes it stale.
_BUILD_CODE = ("warehouse.py", "geo.py", "names.py")
_RUNTIME_FILES = {"warehouse.duckdb", "notes.sqlite"}  # written at run time, not build inputs
_RUNTIME_DIRS = {"decks", "decks_shared", "imports"}


@functools.lru_cache(maxsize=8)
def fingerprint(data_dir: Path = config.DATA_DIR) -> str:
    """A digest of everything a build reads: the build and refresh SQL, the build code and every
    input file under ``data_dir`` (names and bytes). Computed once per process (~16 MB)."""
    h = hashlib.sha256()
    code = Path(__file__).parent
    named = [(f"code/{name}", code / name) for name in _BUILD_CODE]
    for kind in ("build", "refresh"):
        named += [(f"{kind}/{p.name}", p) for p in sorted((config.QUERIES_DIR / kind).glob("*.sql"))]
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        if not path.is_file() or rel.parts[0] in _RUNTIME_DIRS or path.name.startswith("."):
            continue
        if path.name in _RUNTIME_FILES or path.name.endswith((".duckdb", ".wal", "-wal", "-shm")):
            continue
        named.append((f"data/{rel.as_posix()}", path))
    for name, path in named:
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Freshness:
    """Whether the warehouse at a path was built from today's code and data (``current``), and
    how many imports it holds that a rebuild from data/ would lose (``None``: unknown)."""

    current: bool
    imports: int | None


def freshness(path: Path, data_dir: Path = config.DATA_DIR) -> Freshness:
    """Compare the warehouse's stored fingerprint with :func:`fingerprint` of today's inputs
    (of the data folder it was built from while that exists, else ``data_dir``)."""
    try:
        con = open_read_only(path)
    except duckdb.Error:
        return Freshness(False, None)
    try:
        row = sql.run(con, "admin/build_info").iloc[0]
    except duckdb.Error:  # built before build_info existed: stale, and its imports are not counted
        return Freshness(False, None)
    finally:
        con.close()
    imports = int(row.imports) + int(row.skm_imports)
    built_from = Path(str(row.data_dir))  # a test or benchmark builds from its own folder
    source = built_from if built_from.is_dir() else data_dir
    return Freshness(str(row.fingerprint) == fingerprint(source), imports)


class StaleWarehouse(RuntimeError):
    """The warehouse was built from other code or data and holds imports a rebuild would lose."""


def stale_message(path: Path, imports: int | None) -> str:
    held = "impor yang jumlahnya tidak dapat dihitung" if imports is None else f"{imports} impor"
    return (
        f"Gudang data {path} dibuat dari versi kode atau data yang lain dari versi aplikasi ini, "
        f"dan berisi {held} yang tidak ada di folder data/. Aplikasi tidak membangunnya ulang "
        "otomatis agar impor itu tidak hilang. Simpan berkas impornya, jalankan "
        "`python -m dalamangka build`, lalu ulangi impor di halaman Impor."
    )


def ensure(target: Path | None = None, progress: Progress = _noop, data_dir: Path = config.DATA_DIR) -> Path:
    """The warehouse path, built first if it does not exist yet or was built from other code or
    data (a rebuild from data/ loses nothing then). A stale warehouse holding imports is never
    replaced automatically: :class:`StaleWarehouse` says what to do."""
    target = target or config.warehouse_path()
    if not target.exists():
        build(target, data_dir=data_dir, progress=progress)
        return target
    state = freshness(target, data_dir)
    if state.current:
        return target
    if state.imports == 0:
        build(target, data_dir=data_dir, progress=progress)
        return target
    raise StaleWarehouse(stale_message(target, state.imports))


def timed_build(target: Path | None = None) -> float:
    """Seconds one full build takes (used by the benchmark and the CLI)."""
    t0 = time.perf_counter()
    build(target)
    return time.perf_counter() - t0
