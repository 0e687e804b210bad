"""The one atomic commit core (``importer.commit.write_atomically``) that the table import and the
SKM import both write through: a callback that raises, a DuckDB error, or a failing follow-up
leave the warehouse byte-identical (or, for the follow-up, the committed new file) and no copy."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest

from dalamangka import sql
from dalamangka.importer import ImportFailed, read_only
from dalamangka.importer.commit import TMP_PREFIX, write_atomically

AT = dt.datetime(2026, 11, 27, 8, 0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _insert_source(con: duckdb.DuckDBPyConnection, source_id: str) -> None:
    sql.execute(
        con, "import_insert_source", source_id=source_id, publisher="BPS", publication="uji", table_name=None,
        licence="uji", caveats=None, status="tidak_diketahui", cite_id="uji", cite_en="uji",
    )  # fmt: skip


def test_write_commits_once_returns_the_result_then_runs_under_the_lock(wh: Path) -> None:
    seen: list[object] = []

    def write(con: duckdb.DuckDBPyConnection, at: dt.datetime) -> str:
        _insert_source(con, "IUJI1")
        seen.append(at)
        return "IUJI1"

    def then(result: str, at: dt.datetime) -> None:
        seen.append((result, at, list(wh.parent.glob(TMP_PREFIX + "*"))))
        with read_only(wh) as con:  # the new file is in place when ``then`` runs
            seen.append(
                int(con.execute("select count(*) from sources where source_id = 'IUJI1'").fetchone()[0])
            )  # type: ignore[index]

    assert write_atomically(wh, write, at=AT, then=then) == "IUJI1"
    assert seen == [AT, ("IUJI1", AT, []), 1]
    # without ``at`` the time is now (UTC, whole seconds)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    stamp = write_atomically(wh, lambda con, at: (_insert_source(con, "IUJI2"), at)[1])
    assert before <= stamp <= dt.datetime.now(dt.UTC).replace(tzinfo=None) and stamp.microsecond == 0


@pytest.mark.parametrize("failure", ["refusal", "database", "half-written"])
def test_any_failure_in_the_write_leaves_the_warehouse_byte_identical(wh: Path, failure: str) -> None:
    before = digest(wh)
    then_called: list[int] = []

    def write(con: duckdb.DuckDBPyConnection, at: dt.datetime) -> int:
        _insert_source(con, "IUJI1")  # written to the copy, never to the warehouse
        if failure == "refusal":
            raise ImportFailed([])
        if failure == "database":
            con.execute("select * from tabel_yang_tidak_ada")
        _insert_source(con, "IUJI1")  # duplicate key: a constraint error half-way
        return 1

    with pytest.raises(ImportFailed) as e:
        write_atomically(wh, write, at=AT, then=lambda r, at: then_called.append(r),
                         error_detail=lambda err: type(err).__name__)  # fmt: skip
    if failure != "refusal":
        assert e.value.problems[0].code == "write_failed"
        assert e.value.problems[0].fields["detail"] in ("CatalogException", "ConstraintException")
    assert digest(wh) == before and then_called == []
    assert not list(wh.parent.glob(TMP_PREFIX + "*"))


def test_a_missing_warehouse_is_refused_and_a_leftover_copy_is_removed(wh: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as e:
        write_atomically(tmp_path / "tidak-ada.duckdb", lambda con, at: 1)
    assert e.value.problems[0].code == "no_warehouse"
    leftover = wh.with_name(TMP_PREFIX + "dari-proses-yang-dibunuh.duckdb")
    leftover.write_bytes(b"sisa")
    write_atomically(wh, lambda con, at: _insert_source(con, "IUJI3"), at=AT)
    assert not leftover.exists()
    with read_only(wh) as con:
        assert con.execute("select count(*) from sources where source_id = 'IUJI3'").fetchone() == (1,)
