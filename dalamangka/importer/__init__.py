"""Import BPS tables into the warehouse: parse -> match -> validate -> preview -> commit.

Five formats (:data:`FORMATS`): the BPS website's dynamic-table XLSX and CSV exports, a Dalam
Angka table (XLSX), BPS WebAPI JSON and the tidy template. :func:`prepare` gives a
:class:`Plan` (the preview) or raises :class:`ImportFailed` with problems naming row, column and
fix; :func:`commit` writes a plan atomically as one logged batch, for a logged-in session.
No Streamlit here; the page and the CLI call these.
"""

from dalamangka.importer.commit import SourceGiven, authorize, commit, writer_lock
from dalamangka.importer.model import MESSAGES, ImportFailed, Problem
from dalamangka.importer.plan import FORMATS, Plan, detect, prepare, prepare_webapi, read_only
from dalamangka.importer.validate import Options

__all__ = [
    "FORMATS",
    "MESSAGES",
    "ImportFailed",
    "Options",
    "Plan",
    "Problem",
    "SourceGiven",
    "authorize",
    "commit",
    "detect",
    "prepare",
    "prepare_webapi",
    "read_only",
    "writer_lock",
]
