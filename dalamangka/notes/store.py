"""The notes store: a small transactional database beside the read-only warehouse.

Default: SQLite in WAL mode at ``data/notes.sqlite`` (git-ignored); ``DALAMANGKA_NOTES_URL``
overrides it (``sqlite:////abs/path.sqlite``). Every write is one short ``BEGIN IMMEDIATE``
transaction on a fresh connection (a busy timeout waits for the lock; after it the caller gets a
clear "busy" error and nothing is half-written). ``synchronous=full``: a committed note survives a
killed process; an uncommitted one is rolled back by SQLite's journal on the next open.

The schema is versioned (table ``schema_migrations``); :data:`MIGRATIONS` lists each version's
statements (files in ``queries/notes/``), applied in one transaction at open. A file with a newer
version than this code is refused rather than guessed at.

The pages use the :class:`NoteStore` protocol, so a shared server database can be added behind
:func:`open_store`; only SQLite is implemented today (a ``postgresql://`` URL is refused).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from dalamangka import config, sql
from dalamangka.auth import Session
from dalamangka.notes import routing
from dalamangka.notes.model import (
    MAX_PLACE,
    MAX_REASON,
    OPEN,
    TRANSITIONS,
    Change,
    Decision,
    Draft,
    FgdSession,
    Note,
    NoteError,
    Routing,
)
from dalamangka.notes.validate import checked_text, one_line

BUSY_SECONDS = 10.0
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "notes/m01_create_fgd_sessions",
        "notes/m01_create_notes",
        "notes/m01_create_note_changes",
        "notes/m01_create_fgd_decisions",
        "notes/m01_index_notes_pin",
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)
Clock = Callable[[], dt.datetime]


def _step_pause() -> None:
    """Test hook: DALAMANGKA_NOTES_STEP_DELAY seconds inside a write transaction (the kill test
    lands its SIGKILLs mid-transaction with it). Unset in normal use."""
    delay = float(os.environ.get("DALAMANGKA_NOTES_STEP_DELAY", "0") or 0)
    if delay > 0:
        time.sleep(delay)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def default_url() -> str:
    return os.environ.get("DALAMANGKA_NOTES_URL") or f"sqlite:///{config.DATA_DIR / 'notes.sqlite'}"


class NoteStore(Protocol):
    """What the pages need from a notes store (SQLite today; a server database later)."""

    def add(self, draft: Draft, route: Routing) -> int: ...
    def notes(
        self,
        *,
        session_id: int | None = None,
        kota: str | None = None,
        indicator: str | None = None,
        note_id: int | None = None,
    ) -> list[Note]: ...
    def note(self, note_id: int) -> Note: ...
    def change_status(
        self,
        note_id: int,
        expected: str,
        new: str,
        actor: Session,
        reason: str = "",
        batch_id: int | None = None,
        batches: frozenset[int] | None = None,
    ) -> Note: ...
    def changes(self, *, session_id: int | None = None, note_id: int | None = None) -> list[Change]: ...
    def add_session(self, held_on: dt.date, place: str, title: str, kode: str, actor: Session) -> int: ...
    def sessions(self) -> list[FgdSession]: ...
    def add_decision(self, session_id: int, text: str, actor: Session) -> None: ...
    def decisions(self, session_id: int) -> list[Decision]: ...
    def check(self) -> list[str]: ...


def open_store(url: str | None = None, clock: Clock = _utcnow) -> NoteStore:
    """The store at ``url`` (default :func:`default_url`), created and migrated if needed."""
    url = url or default_url()
    if url.startswith("sqlite:///"):
        return SqliteStore(Path(url.removeprefix("sqlite:///")), clock)
    raise NoteError("bad_url", value=url.split("@")[-1][:80])  # never echo a password


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _note(row: sqlite3.Row) -> Note:
    return Note(
        note_id=int(row["note_id"]),
        created_at=_time(row["created_at"]),
        indicator=row["indicator"],
        kode=row["kode"],
        tahun=int(row["tahun"]),
        kind=row["kind"],
        body=row["body"],
        author=row["author"],
        unit=row["unit"],
        corrected_value=row["corrected_value"],
        corrected_source=row["corrected_source"],
        session_id=row["session_id"],
        producer=row["producer"],
        opds=tuple(x for x in str(row["opds"]).split(",") if x),
        status=row["status"],
        reason=row["reason"],
        batch_id=row["batch_id"],
        updated_at=_time(row["updated_at"]),
    )


def check_change(
    note: Note,
    new: str,
    actor: Session,
    reason: str,
    batch_id: int | None,
    batches: frozenset[int] | None,
) -> str:
    """The cleaned reason if ``actor`` may move ``note`` to ``new``; NoteError otherwise."""
    if not routing.may_change(actor, note.indicator):
        raise NoteError("not_allowed", user=actor.user, indicator=note.indicator)
    if new not in TRANSITIONS.get(note.status, frozenset()):
        raise NoteError("bad_transition", old=note.status, new=new)
    reason = checked_text(reason, "f_reason", MAX_REASON, required=False)
    if new == "ditolak" and not reason:
        raise NoteError("reason_needed")
    if new == "diperbaiki" and note.corrected_value is not None and batch_id is None:
        raise NoteError("batch_needed")
    if batch_id is not None and batches is not None and batch_id not in batches:
        raise NoteError("bad_batch", value=batch_id)
    return reason


class SqliteStore:
    """:class:`NoteStore` on one SQLite file in WAL mode (one connection per operation, so it is
    safe from any thread and any process)."""

    def __init__(self, path: Path, clock: Clock = _utcnow, busy_seconds: float = BUSY_SECONDS) -> None:
        self.path = path
        self.clock = clock
        self.busy_seconds = busy_seconds
        path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    # -- plumbing ------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None)
        con.row_factory = sqlite3.Row
        self._run(con, "notes/pragma_foreign_keys")
        self._run(con, "notes/pragma_synchronous")
        return con

    @staticmethod
    def _run(con: sqlite3.Connection, name: str, **params: Any) -> sqlite3.Cursor:
        query = sql.load(name)
        if frozenset(params) != query.params:
            raise sql.QueryError(f"{name}: parameters {sorted(params)} != {sorted(query.params)}")
        return con.execute(query.text, params)

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        con = self._connect()
        try:
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short transaction: BEGIN IMMEDIATE (waits up to the busy timeout), commit on
        success, rollback on any error. A lock not obtained in time is NoteError("busy")."""
        con = self._connect()
        try:
            try:
                self._run(con, "notes/begin")
            except sqlite3.OperationalError as e:
                raise NoteError("busy") from e
            try:
                yield con
                self._run(con, "notes/commit")
            except BaseException:
                if con.in_transaction:
                    self._run(con, "notes/rollback")
                raise
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise NoteError("busy") from e
            raise
        finally:
            con.close()

    def _migrate(self) -> None:
        deadline = time.monotonic() + self.busy_seconds
        while True:  # switching to WAL needs a moment with no other connection writing
            try:
                with self._read() as con:
                    self._run(con, "notes/pragma_wal")
                break
            except sqlite3.OperationalError:
                if time.monotonic() > deadline:
                    raise NoteError("busy") from None
                time.sleep(0.05)
        with self._write() as con:
            self._run(con, "notes/create_schema_migrations")
            found = int(self._run(con, "notes/schema_version").fetchone()["version"])
            if found > SCHEMA_VERSION:
                raise NoteError("newer_schema", found=found, known=SCHEMA_VERSION)
            for version in sorted(v for v in MIGRATIONS if v > found):
                for name in MIGRATIONS[version]:
                    self._run(con, name)
                self._run(con, "notes/insert_migration", version=version, applied_at=_stamp(self.clock()))

    def schema_version(self) -> int:
        with self._read() as con:
            return int(self._run(con, "notes/schema_version").fetchone()["version"])

    def journal_mode(self) -> str:
        with self._read() as con:
            return str(self._run(con, "notes/pragma_wal").fetchone()[0])

    # -- notes ---------------------------------------------------------------------------------
    def add(self, draft: Draft, route: Routing) -> int:
        """Store a checked draft (idempotent per ``draft.token``) and log its creation; its id."""
        token = draft.token or uuid.uuid4().hex
        now = _stamp(self.clock())
        with self._write() as con:
            cur = self._run(
                con,
                "notes/insert_note",
                token=token,
                created_at=now,
                indicator=draft.indicator,
                kode=draft.kode,
                tahun=draft.tahun,
                kind=draft.kind,
                body=draft.body,
                author=draft.author,
                unit=draft.unit,
                corrected_value=draft.corrected_value,
                corrected_source=draft.corrected_source,
                session_id=draft.session_id,
                producer=route.producer,
                opds=",".join(route.opds),
            )
            inserted = cur.rowcount == 1
            _step_pause()
            note_id = int(self._run(con, "notes/note_id_by_token", token=token).fetchone()["note_id"])
            if inserted:
                self._run(
                    con,
                    "notes/insert_change",
                    note_id=note_id,
                    changed_at=now,
                    actor=draft.author,
                    role="peserta",
                    opd=draft.unit,
                    old_status=None,
                    new_status="baru",
                    reason="",
                    batch_id=None,
                )
        return note_id

    def notes(
        self,
        *,
        session_id: int | None = None,
        kota: str | None = None,
        indicator: str | None = None,
        note_id: int | None = None,
    ) -> list[Note]:
        with self._read() as con:
            rows = self._run(
                con, "notes/notes", session_id=session_id, kota=kota, indicator=indicator, note_id=note_id
            ).fetchall()
        return [_note(r) for r in rows]

    def note(self, note_id: int) -> Note:
        found = self.notes(note_id=note_id)
        if not found:
            raise NoteError("no_note", note=note_id)
        return found[0]

    def change_status(
        self,
        note_id: int,
        expected: str,
        new: str,
        actor: Session,
        reason: str = "",
        batch_id: int | None = None,
        batches: frozenset[int] | None = None,
    ) -> Note:
        """Move a note from ``expected`` (the status the user saw) to ``new`` and log it, if the
        actor may (walidata, or the produsen of the note's indicator) and the move is allowed.
        Someone else's change in between is a "conflict" error, not an overwrite."""
        now = _stamp(self.clock())
        with self._write() as con:
            rows = self._run(
                con, "notes/notes", session_id=None, kota=None, indicator=None, note_id=note_id
            ).fetchall()
            if not rows:
                raise NoteError("no_note", note=note_id)
            note = _note(rows[0])
            if note.status != expected:
                raise NoteError("conflict", note=note_id, status=note.status)
            clean = check_change(note, new, actor, reason, batch_id, batches)
            self._run(
                con,
                "notes/update_status",
                note_id=note_id,
                old_status=expected,
                new_status=new,
                reason=clean,
                batch_id=batch_id,
                updated_at=now,
            )
            self._run(
                con,
                "notes/insert_change",
                note_id=note_id,
                changed_at=now,
                actor=actor.user,
                role=actor.role,
                opd=actor.opd or "",
                old_status=expected,
                new_status=new,
                reason=clean,
                batch_id=batch_id,
            )
        return self.note(note_id)

    def changes(self, *, session_id: int | None = None, note_id: int | None = None) -> list[Change]:
        with self._read() as con:
            rows = self._run(con, "notes/note_changes", session_id=session_id, note_id=note_id).fetchall()
        return [
            Change(
                note_id=int(r["note_id"]),
                changed_at=_time(r["changed_at"]),
                actor=r["actor"],
                role=r["role"],
                opd=r["opd"],
                old_status=r["old_status"] or "",
                new_status=r["new_status"],
                reason=r["reason"],
                batch_id=r["batch_id"],
            )
            for r in rows
        ]

    # -- FGD meetings ----------------------------------------------------------------------------
    def add_session(self, held_on: dt.date, place: str, title: str, kode: str, actor: Session) -> int:
        if actor.role != "walidata":
            raise NoteError("not_allowed", user=actor.user, indicator="FGD")
        place = checked_text(one_line(place), "f_place", MAX_PLACE)
        title = checked_text(one_line(title), "f_title", MAX_PLACE)
        with self._write() as con:
            cur = self._run(
                con,
                "notes/insert_session",
                held_on=held_on.isoformat(),
                place=place,
                title=title,
                kode=kode,
                created_by=actor.user,
                created_at=_stamp(self.clock()),
            )
            return int(cur.lastrowid or 0)

    def sessions(self) -> list[FgdSession]:
        with self._read() as con:
            rows = self._run(con, "notes/fgd_sessions").fetchall()
        return [
            FgdSession(
                session_id=int(r["session_id"]),
                held_on=dt.date.fromisoformat(r["held_on"]),
                place=r["place"],
                title=r["title"],
                kode=r["kode"],
                created_by=r["created_by"],
            )
            for r in rows
        ]

    def add_decision(self, session_id: int, text: str, actor: Session) -> None:
        if actor.role != "walidata":
            raise NoteError("not_allowed", user=actor.user, indicator="FGD")
        clean = checked_text(text, "f_decision", MAX_REASON)
        with self._write() as con:
            self._run(
                con,
                "notes/insert_decision",
                session_id=session_id,
                decided_at=_stamp(self.clock()),
                actor=actor.user,
                text=clean,
            )

    def decisions(self, session_id: int) -> list[Decision]:
        with self._read() as con:
            rows = self._run(con, "notes/fgd_decisions", session_id=session_id).fetchall()
        return [Decision(int(r["session_id"]), _time(r["decided_at"]), r["actor"], r["text"]) for r in rows]

    def check(self) -> list[str]:
        """Problems SQLite's integrity check finds (empty when the file is sound)."""
        with self._read() as con:
            rows = [str(r[0]) for r in self._run(con, "notes/integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows


def open_notes(notes: list[Note]) -> list[Note]:
    return [n for n in notes if n.status in OPEN]
