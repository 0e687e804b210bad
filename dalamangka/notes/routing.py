"""Who a note goes to, and who may change its status.

A note on an indicator is routed to the producer named in its metadata (``producer`` in
``data/indicators.toml``, e.g. "BPS", "Ditjen Dukcapil Kemendagri"), to the OPD accounts whose
indicator list holds it (``[opd.<name>] indikator = [...]`` in the accounts file of
:mod:`dalamangka.auth`), and always to the walidata. Its status may be changed only by a
walidata account or a produsen account of that OPD (``Session.may_import(indicator)``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from dalamangka import auth
from dalamangka.notes.model import Routing

UNKNOWN_PRODUCER = "produsen tidak tercatat"


def opd_indicators(path: Path | None = None) -> dict[str, frozenset[str]]:
    """OPD name -> the indicators it produces, from the accounts file (empty without one)."""
    path = path or auth.users_path()
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        doc = tomllib.load(f)
    return {
        str(name): frozenset(str(i) for i in rec.get("indikator", []))
        for name, rec in doc.get("opd", {}).items()
        if isinstance(rec, dict)
    }


def route(indicator: str, producers: dict[str, str], opds: dict[str, frozenset[str]]) -> Routing:
    """The routing of a note on ``indicator``: ``producers`` maps indicator code -> the producer
    in its metadata; ``opds`` comes from :func:`opd_indicators`."""
    producer = (producers.get(indicator) or "").strip() or UNKNOWN_PRODUCER
    return Routing(
        producer=producer, opds=tuple(sorted(o for o, codes in opds.items() if indicator in codes))
    )


def may_change(session: auth.Session, indicator: str) -> bool:
    """Walidata: every note. Produsen: the notes on its own OPD's indicators."""
    if session.role == "walidata":
        return True
    return session.role == "produsen" and session.indicators is not None and indicator in session.indicators
