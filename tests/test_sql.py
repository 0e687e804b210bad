"""The SQL loader: parameters are checked, names are fixed, every query file is tested."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from dalamangka import sql
from dalamangka.config import QUERIES_DIR

ROOT = Path(__file__).resolve().parent.parent


def test_parameters_ignore_strings_and_comments() -> None:
    text = "-- uses $not_this\nselect '$nor_this', $kode from t where x = $kode /* $no */"
    assert sql.parameters_of(text) == frozenset({"kode"})


def test_run_rejects_missing_and_extra_parameters(tiny: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(sql.QueryError, match=r"missing parameters \['indicators'\]"):
        sql.run(tiny, "headline_figures", kode="1971")
    with pytest.raises(sql.QueryError, match=r"unexpected \['kota'\]"):
        sql.run(tiny, "region_choices", kota="1971")


@pytest.mark.parametrize("name", ["../etc/passwd", "region_choices; drop table facts", "Region", ""])
def test_load_rejects_names_outside_queries(name: str) -> None:
    with pytest.raises(sql.QueryError):
        sql.load(name)


def test_values_are_bound_not_formatted(tiny: duckdb.DuckDBPyConnection) -> None:
    """A hostile value is just a value: it matches no region and changes nothing."""
    rows = sql.run(tiny, "headline_figures", kode="1971' or '1'='1", indicators=["tpt"])
    assert rows.empty


def _first_keyword(text: str) -> str:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    return body.split()[0].lower() if body.split() else ""


def test_every_query_file_documents_its_rows() -> None:
    """Every file has a header; reads and created tables start with "Each row represents ..."."""
    for name in sql.query_names():
        query = sql.load(name)
        assert query.doc, f"{name}.sql has no header comment"
        keyword = _first_keyword(query.text)
        if keyword in ("select", "with") or (keyword == "create" and "_create_" in name):
            assert query.doc.startswith("Each row represents"), name


def test_every_query_file_has_a_test() -> None:
    """Hygiene: each query name appears in some test file (so none goes untested)."""
    test_text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    steps = ("build/", "refresh/")  # run by every build (and import); checked in test_warehouse.py
    untested = [n for n in sql.query_names() if not n.startswith(steps) and n not in test_text]
    assert not untested, f"query files without a test: {untested}"


def test_no_sql_outside_queries() -> None:
    """SQL lives in queries/: no Python module or page executes a literal statement."""
    keywords = "select|insert|update|delete|create|with|attach|detach|use|checkpoint|copy|pragma|set|drop"
    pattern = re.compile(rf"""\.(execute|sql|query)\(\s*f?["']\s*({keywords})\b""", re.I)
    offenders = []
    for path in [*ROOT.glob("dalamangka/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        if pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders
    assert (QUERIES_DIR / "region_choices.sql").is_file()


def test_read_only_connection_sees_a_replaced_file(tmp_path: Path, tiny_warehouse: Path) -> None:
    """admin/attach_read_only + admin/use_warehouse: a new connection sees the file now there,
    even while an older connection to the replaced file is still open in this process."""
    import os
    import shutil

    from dalamangka import warehouse

    target = tmp_path / "w.duckdb"
    shutil.copy(tiny_warehouse, target)
    old = warehouse.open_read_only(target)
    before = sql.run(warehouse.cursor(old), "region_choices")
    replacement = tmp_path / "new.duckdb"
    warehouse.build(replacement, data_dir=ROOT / "data")
    os.replace(replacement, target)
    new = warehouse.open_read_only(target)
    assert len(sql.run(warehouse.cursor(new), "region_choices")) == 514
    assert len(sql.run(warehouse.cursor(old), "region_choices")) == len(before) == 7


def test_build_checkpoints_before_renaming(tmp_path: Path) -> None:
    """admin/checkpoint runs before the rename: no write-ahead log is left beside the file."""
    from dalamangka import warehouse

    target = warehouse.build(tmp_path / "w.duckdb", data_dir=ROOT / "tests" / "data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]
    assert target.stat().st_size > 0
