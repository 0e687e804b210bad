"""Write a previewed import as one batch, atomically, while readers keep working.

1. Take the writer lock (``<warehouse>.lock``, flock: released even if the process is killed).
2. Copy the warehouse to a temporary file in the same directory.
3. In one transaction on the copy: compare again (the preview must still hold), add the source
   record, new indicators, the batch log, revisions of changed figures, observations, missing
   cells, and upsert the new and changed facts; check the counts; commit; checkpoint; close.
4. fsync the copy and ``os.replace`` it onto the warehouse (atomic on POSIX), fsync the folder.

Steps 1, 2 and 4 (and the transaction, commit and checkpoint of 3) are :func:`write_atomically`,
shared with the SKM import (:mod:`dalamangka.importer.skm`), which passes its own write callback.

Readers hold read-only connections to the old file and keep working; the app opens the new one
by its mtime. On any error, or a kill at any moment, the warehouse is the old file (a leftover
temporary copy is removed by the next import).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from dalamangka import sql, warehouse
from dalamangka.auth import Session
from dalamangka.importer import journal
from dalamangka.importer.layout import unsafe
from dalamangka.importer.model import ImportFailed, Problem
from dalamangka.importer.plan import Plan, compare

log = logging.getLogger("dalamangka.importer")
T = TypeVar("T")
TMP_PREFIX = ".import-"
INDICATOR_DEFAULTS = {
    "decimals": 2,
    "higher_is_better": None,
    "chapter": None,
    "additive": False,
    "update_years": None,
}


@dataclass(frozen=True)
class SourceGiven:
    """The source of a batch as the user gives it: publisher, publication, table, licence."""

    publisher: str
    publication: str
    table: str = ""
    licence: str = "Tidak dinyatakan oleh pengimpor."
    note: str = ""

    def text(self) -> str:
        return ", ".join(x for x in (self.publisher, self.publication, self.table) if x)


def _step_pause() -> None:
    """Test hook: DALAMANGKA_IMPORT_STEP_DELAY seconds between steps (the kill test spreads its
    kills over the whole commit with it). Unset in normal use."""
    delay = float(os.environ.get("DALAMANGKA_IMPORT_STEP_DELAY", "0") or 0)
    if delay > 0:
        time.sleep(delay)


@contextlib.contextmanager
def writer_lock(target: Path, timeout: float = 30.0) -> Iterator[None]:
    """One writer at a time per warehouse (readers never take it)."""
    lock = target.with_name(target.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > deadline:
                    raise ImportFailed([Problem("busy")]) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove_leftovers(target: Path) -> None:
    for p in target.parent.glob(TMP_PREFIX + "*"):
        p.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _database_error(_: duckdb.Error) -> str:
    return "galat basis data"


def write_atomically(
    target: Path,
    write: Callable[[duckdb.DuckDBPyConnection, dt.datetime], T],
    *,
    at: dt.datetime | None = None,
    then: Callable[[T, dt.datetime], None] | None = None,
    error_detail: Callable[[duckdb.Error], str] = _database_error,
) -> T:
    """The one atomic commit of every import: under the writer lock, copy ``target``, call
    ``write(con, at)`` inside one transaction on the copy, commit, checkpoint, fsync the copy,
    ``os.replace`` it onto ``target`` and fsync the folder; then ``then(result, at)`` (e.g. the
    journal), still under the lock. ``at`` is the batch time: now (taken after the copy) unless
    given. On any error -- ``write`` raising, a DuckDB error (``write_failed`` with
    ``error_detail(e)``), a kill -- ``target`` is the old file, byte for byte, and the copy is
    removed (a leftover of a killed process by the next import)."""
    if not target.is_file():
        raise ImportFailed([Problem("no_warehouse", fields={"path": str(target)})])
    with writer_lock(target):
        _remove_leftovers(target)
        tmp = target.with_name(f"{TMP_PREFIX}{uuid.uuid4().hex}.duckdb")
        try:
            shutil.copyfile(target, tmp)
            _step_pause()
            at = at or _now()
            con = duckdb.connect(str(tmp))
            try:
                con.begin()
                result = write(con, at)
                con.commit()
                sql.execute(con, "admin/checkpoint")
            except duckdb.Error as e:
                raise ImportFailed([Problem("write_failed", fields={"detail": error_detail(e)})]) from e
            finally:
                con.close()
            _step_pause()
            _fsync(tmp)
            os.replace(tmp, target)
            _fsync(target.parent)
        finally:
            for p in (tmp, tmp.with_name(tmp.name + ".wal")):
                p.unlink(missing_ok=True)
        if then is not None:
            then(result, at)
    return result


def require_source(source: SourceGiven) -> None:
    """Refuse a batch without its publisher and publication (every import names its source)."""
    missing = [
        k for k, v in (("penerbit", source.publisher), ("publikasi", source.publication)) if not v.strip()
    ]
    if missing:
        raise ImportFailed([Problem("no_source", fields={"missing": ", ".join(missing)})])


def authorize(session: Session | None, indicators: list[str]) -> None:
    """Refuse a batch the session may not write (no session, or another OPD's indicators)."""
    if session is None:
        raise ImportFailed([Problem("not_logged_in")])
    denied = [i for i in indicators if not session.may_import(i)]
    if denied:
        raise ImportFailed(
            [
                Problem(
                    "not_allowed",
                    fields={
                        "user": session.user,
                        "role": session.role,
                        "opd": session.opd or "",
                        "indicator": ", ".join(denied),
                    },
                )
            ]
        )


def _indicator_rows(plan: Plan, session: Session) -> pd.DataFrame:
    rows = []
    for code, rec in plan.new_indicators.items():
        name = str(rec["name_id"]).strip()
        row = {**INDICATOR_DEFAULTS, **{k: v for k, v in rec.items() if k in INDICATOR_DEFAULTS}}
        row.update(
            {
                "code": code,
                "name_id": name,
                "name_en": str(rec.get("name_en") or name),
                "short_id": str(rec.get("short_id") or name),
                "short_en": str(rec.get("short_en") or rec.get("name_en") or name),
                "unit_id": str(rec["unit_id"]),
                "unit_en": str(rec.get("unit_en") or rec["unit_id"]),
                "concept": str(rec.get("concept") or code),
                "producer": str(rec.get("producer") or session.opd or "tidak dinyatakan"),
                "definition_id": str(rec["definition_id"]),
                "definition_en": str(rec.get("definition_en") or rec["definition_id"]),
            }
        )
        rows.append(row)
    cols = [
        "code",
        "name_id",
        "name_en",
        "short_id",
        "short_en",
        "unit_id",
        "unit_en",
        "decimals",
        "higher_is_better",
        "chapter",
        "concept",
        "additive",
        "update_years",
        "producer",
        "definition_id",
        "definition_en",
    ]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.astype(
        {"decimals": "int64", "higher_is_better": "boolean", "additive": "bool", "update_years": "Int64"}
    )


def record_batch(
    con: duckdb.DuckDBPyConnection,
    batch_id: int,
    source: SourceGiven,
    session: Session,
    at: dt.datetime,
    *,
    status: str,
    file_name: str,
    sha256: str,
    format: str,
    rows: tuple[int, int, int, int],
) -> str:
    """Log batch ``batch_id`` of any importer (figures, SKM): its source record (cited with the
    import day and batch) and its ``import_batches`` row (who, when, which file, and ``rows``:
    added, changed, unchanged, missing). The batch's source id (``I0042``)."""
    source_id = f"I{batch_id:04d}"
    cite = f"{source.text()} (impor {at:%Y-%m-%d}, batch {batch_id})"
    sql.execute(
        con,
        "import_insert_source",
        source_id=source_id,
        publisher=source.publisher,
        publication=source.publication,
        table_name=source.table or None,
        licence=source.licence,
        caveats=source.note or None,
        status=status,
        cite_id=cite,
        cite_en=cite,
    )
    sql.execute(
        con,
        "import_insert_batch",
        batch_id=batch_id,
        source_id=source_id,
        user_name=session.user,
        role=session.role,
        opd=session.opd,
        imported_at=at,
        file_name=file_name,
        sha256=sha256,
        format=format,
        rows_added=rows[0],
        rows_changed=rows[1],
        rows_unchanged=rows[2],
        rows_missing=rows[3],
        source_given=source.text(),
    )
    return source_id


def journalled(meta: dict[str, Any]) -> tuple[Session, SourceGiven]:
    """The original user and the source given of a journalled batch (its ``.toml`` record), for a
    replay."""
    original = Session(str(meta["user"]), str(meta["role"]), str(meta["opd"]) or None, None)
    src = meta["source"]
    source = SourceGiven(
        src["publisher"],
        src["publication"],
        src.get("table", ""),
        src.get("licence", ""),
        src.get("note", ""),
    )
    return original, source


def _apply(
    con: duckdb.DuckDBPyConnection, plan: Plan, session: Session, source: SourceGiven, at: dt.datetime
) -> int:
    batch_id = int(sql.run(con, "import_next_batch").batch_id.iloc[0])
    con.register("stage_import_indicators", _indicator_rows(plan, session))
    sql.execute(con, "import_insert_indicators")
    fresh = compare(
        plan.figures[
            [
                "row",
                "column",
                "indicator",
                "raw_indikator",
                "kode",
                "tahun",
                "periode",
                "nilai",
                "status",
                "satuan",
            ]
        ],
        con,
    )
    if list(fresh.change) != list(plan.figures.change):
        raise ImportFailed([Problem("stale_preview")])
    counts = plan.counts
    source_id = record_batch(
        con,
        batch_id,
        source,
        session,
        at,
        status=plan.options.status,
        file_name=plan.file_name,
        sha256=plan.sha256,
        format=plan.format,
        rows=(counts["baru"], counts["berubah"], counts["sama"], counts["kosong"]),
    )
    _step_pause()
    stage = plan.figures[
        ["indicator", "raw_indikator", "kode", "tahun", "periode", "nilai", "status", "satuan"]
    ]
    con.register("stage_import", stage)
    missing = plan.missing
    if missing.empty:
        missing = pd.DataFrame(columns=["indicator", "kode", "tahun", "periode", "symbol", "meaning"])
    con.register(
        "stage_import_missing", missing[["indicator", "kode", "tahun", "periode", "symbol", "meaning"]]
    )
    sql.execute(con, "import_insert_revisions", batch_id=batch_id, revised_at=at)
    sql.execute(con, "import_insert_observations", file=plan.file_name, source_id=source_id)
    sql.execute(con, "import_insert_missing", batch_id=batch_id)
    sql.execute(con, "import_upsert_facts", source_id=source_id)
    _step_pause()
    check = sql.run(con, "import_batch_check", batch_id=batch_id, source_id=source_id).iloc[0]
    expected = (counts["baru"] + counts["berubah"], counts["berubah"], len(plan.figures))
    found = (int(check.facts_from_batch), int(check.revisions), int(check.observations))
    if found != expected:
        raise ImportFailed([Problem("write_failed", fields={"detail": f"harapan {expected}, hasil {found}"})])
    return batch_id


def commit(
    plan: Plan,
    session: Session | None,
    source: SourceGiven,
    target: Path,
    at: dt.datetime | None = None,
    keep_journal: bool = True,
) -> int:
    """Write ``plan`` into the warehouse at ``target`` as one batch; its batch number.

    ``at`` is the batch time (now unless a journal replay gives the original one); the batch is
    journalled beside the warehouse (see :mod:`dalamangka.importer.journal`) unless
    ``keep_journal`` is false."""
    authorize(session, plan.indicators)
    assert session is not None
    require_source(source)
    typed = (source.publisher, source.publication, source.table, source.licence, source.note)
    risky = [v for v in typed if unsafe(v.strip())]
    if risky:  # stored text is shown and exported: it must never become a formula or markup
        raise ImportFailed([Problem("unsafe_text", fields={"value": risky[0]})])
    if plan.figures.empty:
        raise ImportFailed([Problem("no_rows")])

    def write(con: duckdb.DuckDBPyConnection, at: dt.datetime) -> int:
        batch_id = _apply(con, plan, session, source, at)
        warehouse.refresh(con)
        return batch_id

    def keep(batch_id: int, at: dt.datetime) -> None:
        try:
            given = {
                "publisher": source.publisher,
                "publication": source.publication,
                "table": source.table,
                "licence": source.licence,
                "note": source.note,
            }
            journal.write(target, batch_id, plan, session, given, at)
        except OSError:
            log.exception("batch %s tersimpan, tetapi jurnalnya gagal ditulis", batch_id)

    batch_id = write_atomically(target, write, at=at, then=keep if keep_journal else None)
    log.info(
        "impor batch %s: %s oleh %s (%s), %s",
        batch_id,
        plan.file_name,
        session.user,
        session.role,
        plan.counts,
    )
    return batch_id
