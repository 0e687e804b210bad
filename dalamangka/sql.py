"""Load SQL statements from ``queries/`` by name and run them with bound parameters.

Every statement the product runs lives in ``queries/<name>.sql`` (one statement per file).
Parameters are DuckDB ``$name`` placeholders; :func:`run` refuses a call whose parameter names
differ from the file's, so a typo is an error rather than a silent NULL. Values are always
bound, never formatted into SQL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dalamangka.config import QUERIES_DIR

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.S)


class QueryError(ValueError):
    """A query was asked for by a wrong name or with wrong parameters."""


@dataclass(frozen=True)
class Query:
    """One SQL statement from ``queries/``, with the parameter names it uses."""

    name: str
    text: str
    params: frozenset[str]
    doc: str


def parameters_of(text: str) -> frozenset[str]:
    """The ``$name`` parameters of a statement, ignoring strings and comments."""
    return frozenset(_PARAM.findall(_STRING_OR_COMMENT.sub(" ", text)))


def _doc_of(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return " ".join(x for x in lines if x)


def query_names(directory: Path = QUERIES_DIR) -> list[str]:
    """Names of every query file (``build/...`` included), sorted."""
    return sorted(p.relative_to(directory).with_suffix("").as_posix() for p in directory.rglob("*.sql"))


@cache
def load(name: str, directory: Path = QUERIES_DIR) -> Query:
    """The query ``queries/<name>.sql``; names are fixed in code, never taken from a user."""
    if not re.fullmatch(r"[a-z0-9_]+(/[a-z0-9_]+)?", name):
        raise QueryError(f"bad query name {name!r}")
    path = directory / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no query file {path.name}")
    text = path.read_text(encoding="utf-8")
    return Query(name=name, text=text, params=parameters_of(text), doc=_doc_of(text))


def _check(query: Query, params: dict[str, Any]) -> None:
    given = frozenset(params)
    if given != query.params:
        missing = sorted(query.params - given)
        extra = sorted(given - query.params)
        raise QueryError(f"{query.name}: missing parameters {missing}, unexpected {extra}")


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> None:
    """Run a statement that returns nothing (build and import steps)."""
    query = load(name)
    _check(query, params)
    con.execute(query.text, params or None)


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a read query and return its rows as a DataFrame."""
    query = load(name)
    _check(query, params)
    return con.execute(query.text, params or None).df()
