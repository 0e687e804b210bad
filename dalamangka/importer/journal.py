"""A plain-text journal of committed batches, so a rebuild from ``data/`` can bring them back.

``python -m dalamangka build`` makes the warehouse from ``data/`` only; imported batches live in
the warehouse. After each commit the batch is also written beside the warehouse, in
``imports/NNNN_<sha>.csv`` (the figures, in the tidy template's columns) and ``.toml`` (who, when,
file, source given). :func:`replay` re-imports them in order into a freshly built warehouse,
keeping their original time, user and source (``python -m dalamangka import --replay``).

The warehouse is the commit point: the journal is written after the rename, so a crash between
the two can leave a batch without its journal entry (the CLI says so); never the reverse.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tomllib
from pathlib import Path
from typing import Any

from dalamangka.auth import Session
from dalamangka.importer.plan import Plan

COLUMNS = ("kode_wilayah", "indikator", "tahun", "periode", "nilai", "satuan", "status", "sumber")


def journal_dir(target: Path) -> Path:
    return target.parent / "imports"


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name("." + path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write(
    target: Path, batch_id: int, plan: Plan, session: Session, source: dict[str, str], at: dt.datetime
) -> Path:
    """Journal one committed batch; the path of its .toml record."""
    folder = journal_dir(target)
    folder.mkdir(exist_ok=True)
    stem = f"{batch_id:04d}_{plan.sha256[:12]}"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in plan.figures.to_dict("records"):
        value = float(r["nilai"])
        w.writerow(
            [r["kode"], r["indicator"], r["tahun"], r["periode"], repr(value), r["satuan"], r["status"], ""]
        )
    for r in plan.missing.to_dict("records"):  # symbol cells keep their symbol (and so their meaning)
        w.writerow([r["kode"], r["indicator"], r["tahun"], r["periode"], r["symbol"], "", "", ""])
    _atomic_write(folder / f"{stem}.csv", buf.getvalue())
    meta = [
        f"batch_id = {batch_id}",
        f"user = {_q(session.user)}",
        f"role = {_q(session.role)}",
        f"opd = {_q(session.opd or '')}",
        f"at = {_q(at.isoformat())}",
        f"file_name = {_q(plan.file_name)}",
        f"sha256 = {_q(plan.sha256)}",
        f"format = {_q(plan.format)}",
        f"status = {_q(plan.options.status)}",
        "",
        "[source]",
        *(f"{k} = {_q(v)}" for k, v in source.items()),
        "",
    ]
    for code, rec in plan.new_indicators.items():
        meta += [f"[new_indicators.{_q(code)}]", *(f"{k} = {_q(str(v))}" for k, v in rec.items()), ""]
    path = folder / f"{stem}.toml"
    _atomic_write(path, "\n".join(meta))
    return path


def entries(target: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The journal's batches in order: (figures CSV, record)."""
    found = []
    for meta in sorted(journal_dir(target).glob("[0-9]*.toml")):
        with meta.open("rb") as f:
            found.append((meta.with_suffix(".csv"), tomllib.load(f)))
    return found
