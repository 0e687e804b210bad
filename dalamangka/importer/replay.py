"""Bring journalled batches back into a warehouse rebuilt from ``data/`` (see journal.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dalamangka.auth import Session
from dalamangka.importer import journal
from dalamangka.importer.commit import commit, journalled
from dalamangka.importer.plan import prepare
from dalamangka.importer.validate import Options


def replay(target: Path, session: Session) -> list[int]:
    """Re-import every journalled batch of ``target``'s folder, in order, into ``target`` (a
    warehouse just rebuilt, holding no batches). Only a walidata may replay; each batch keeps
    its original user, time, file name, hash and source. The new batch numbers, in order."""
    if session.role != "walidata":
        raise PermissionError("replay needs a walidata account")
    done = []
    for figures, meta in journal.entries(target):
        options = Options(
            format="template",
            decimal="titik",
            status=str(meta.get("status", "tidak_diketahui")),
            new_indicators={str(k): dict(v) for k, v in meta.get("new_indicators", {}).items()},
        )
        plan = prepare(figures, target, options, file_name=str(meta["file_name"]))
        plan.sha256, plan.format = str(meta["sha256"]), str(meta["format"])
        original, source = journalled(meta)
        at = dt.datetime.fromisoformat(str(meta["at"]))
        done.append(commit(plan, original, source, target, at=at, keep_journal=False))
    return done
