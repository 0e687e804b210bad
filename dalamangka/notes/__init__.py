"""FGD notes ("Catatan FGD"): feedback pinned to a figure, routed to its producer, tracked to a fix.

Pure logic, no Streamlit (the glue is :mod:`dalamangka.ui.notes`):

- :mod:`.model`: kinds, statuses and allowed changes, the records, messages in both languages.
- :mod:`.validate`: cleaning user text (control/bidi characters, limits), the corrected figure,
  the per-session rate limit.
- :mod:`.store`: the transactional store (SQLite WAL beside the warehouse, versioned schema).
- :mod:`.routing`: producer (metadata) + OPD accounts + walidata; who may change a status.
- :mod:`.markers`: card badge, map outline, chart flags, tables per OPD.
- :mod:`.minutes`: the XLSX minutes of one FGD meeting; :mod:`.minutes_pdf`: the same as PDF.
"""

from dalamangka.notes.model import KINDS, OPEN, STATUSES, TEXT, Draft, Note, NoteError, Routing
from dalamangka.notes.store import NoteStore, SqliteStore, open_store

__all__ = [
    "KINDS",
    "OPEN",
    "STATUSES",
    "TEXT",
    "Draft",
    "Note",
    "NoteError",
    "NoteStore",
    "Routing",
    "SqliteStore",
    "open_store",
]
