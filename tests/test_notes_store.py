"""The notes store under load: 30 concurrent writers (15 threads, 15 processes) on a fresh file
lose no note and corrupt nothing; SIGKILL in the middle of a write leaves it consistent."""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from dalamangka.auth import Session
from dalamangka.notes import store, validate
from dalamangka.notes.model import NoteError, Routing

ROUTE = Routing("BPS", ("bps",))
PER_WRITER = 8
FORK = mp.get_context("fork")


def _draft(token: str) -> validate.Draft:
    return validate.draft(
        indicator="ipm", kode="1275", tahun=2021, kind="angka_diragukan",
        body=f"Catatan {token}: angka IPM perlu dicek <b>{token}</b>", author=f"Penulis {token}", token=token,
    )  # fmt: skip


def _write(path: Path, writer: str, start: float, busy: list[int]) -> None:
    """Open the store (maybe creating it) and add PER_WRITER notes; a "busy" answer (nothing
    written) is sent again with the same token, as the form does."""
    time.sleep(max(0.0, start - time.time()))
    s = store.SqliteStore(path)
    for i in range(PER_WRITER):
        while True:
            try:
                s.add(_draft(f"{writer}-{i}"), ROUTE)
                s.notes(kota="1275")  # readers at the same time
                break
            except NoteError as e:
                assert e.key == "busy"
                busy.append(1)


def _process(path: str, writer: str, start: float) -> None:
    _write(Path(path), writer, start, [])


def test_thirty_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"  # not created yet: the writers race to create and migrate it
    start = time.time() + 1.5
    busy: list[int] = []
    procs = [FORK.Process(target=_process, args=(str(path), f"p{k}", start)) for k in range(15)]
    for p in procs:
        p.start()
    threads = [threading.Thread(target=_write, args=(path, f"t{k}", start, busy)) for k in range(15)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * 15
    assert not any(t.is_alive() for t in threads)
    s = store.SqliteStore(path)
    notes = s.notes()
    tokens = {f"{w}{k}-{i}" for w in "pt" for k in range(15) for i in range(PER_WRITER)}
    with sqlite3.connect(path) as con:
        stored = [r[0] for r in con.execute("select token from notes")]
        assert con.execute("select count(*) from schema_migrations").fetchone() == (1,)
    assert len(stored) == len(set(stored)) == 30 * PER_WRITER and set(stored) == tokens
    assert all(n.body.startswith("Catatan ") and n.status == "baru" for n in notes)
    assert len(s.changes()) == 30 * PER_WRITER  # each note has its creation logged, once
    assert s.check() == [] and s.journal_mode() == "wal"


def test_concurrent_status_changes_one_wins(tmp_path: Path) -> None:
    s = store.SqliteStore(tmp_path / "notes.sqlite")
    note = s.add(_draft("x"), ROUTE)
    results: list[str] = []

    def change(k: int) -> None:
        who = Session(f"w{k}", "walidata", None, None)
        try:
            s.change_status(note, "baru", "diverifikasi" if k % 2 else "ditolak", who, reason="duplikat")
            results.append("ok")
        except NoteError as e:
            results.append(e.key)

    threads = [threading.Thread(target=change, args=(k,)) for k in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 11 + ["ok"]
    assert len(s.changes(note_id=note)) == 2


def _killed_writer(path: str, attempts: str, acks: str, round_: int) -> None:
    os.environ["DALAMANGKA_NOTES_STEP_DELAY"] = "0.03"  # hold each transaction open a while
    s = store.SqliteStore(Path(path))
    with open(attempts, "a") as tried, open(acks, "a") as done:
        for i in range(10_000):
            token = f"r{round_}-{i}"
            tried.write(token + "\n")
            tried.flush()
            s.add(_draft(token), ROUTE)
            done.write(token + "\n")
            done.flush()
            os.fsync(done.fileno())


def test_sigkill_mid_write_leaves_the_store_consistent(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    attempts, acks = tmp_path / "attempts.txt", tmp_path / "acks.txt"
    store.SqliteStore(path)
    rng = random.Random(18)
    for round_ in range(6):
        proc = FORK.Process(target=_killed_writer, args=(str(path), str(attempts), str(acks), round_))
        proc.start()
        time.sleep(0.4 + rng.random() * 0.5)
        assert proc.pid is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        assert proc.exitcode == -signal.SIGKILL
        s = store.SqliteStore(path)  # reopening recovers from the WAL
        assert s.check() == []
        with sqlite3.connect(path) as con:
            stored = {r[0] for r in con.execute("select token from notes")}
            orphans = con.execute(
                "select count(*) from notes n where not exists "
                "(select 1 from note_changes c where c.note_id = n.note_id and c.old_status is null)"
            ).fetchone()[0]
        acked = set(acks.read_text().split())
        assert acked <= stored  # every acknowledged note survived the kill
        assert orphans == 0  # no note without its creation log: nothing half-written
        assert len(s.changes()) == len(stored)
    tried = set(attempts.read_text().split())
    lost_in_flight = tried - stored
    assert lost_in_flight, "no kill landed inside a transaction"
    assert stored <= tried and len(stored) > 20
    assert not (lost_in_flight & acked)


def test_a_writer_waits_for_the_lock_then_gives_a_clear_busy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One writer holds the lock longer than the other's busy timeout: the other gets "busy"
    (nothing written, text kept in the form), and retries fine afterwards."""
    path = tmp_path / "notes.sqlite"
    slow = store.SqliteStore(path)
    quick = store.SqliteStore(path, busy_seconds=0.05)
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:  # the slow writer stops inside its transaction until released
        inside.set()
        release.wait(10)

    monkeypatch.setattr(store, "_step_pause", hold)
    holder = threading.Thread(target=slow.add, args=(_draft("slow"), ROUTE))
    holder.start()
    assert inside.wait(10)
    with pytest.raises(NoteError) as e:
        quick.add(_draft("quick"), ROUTE)
    assert e.value.key == "busy" and "Tidak ada yang tersimpan" in str(e.value)
    release.set()
    holder.join()
    quick.add(_draft("quick"), ROUTE)
    assert {n.author for n in slow.notes()} == {"Penulis slow", "Penulis quick"}
