"""Clean up shared decks: remove the decks kept by :func:`dalamangka.deck.store` that are older
than N days (their QR links then show "unknown deck" and the player falls back to a shipped
deck), and temporary files left by a write that was killed.

Only files this module knows are touched, in that one folder (never below it): ``<10 hex>.json``
(a shared deck) and ``*.tmp`` (an unfinished write, removed after :data:`TMP_HOURS` hours).
Symlinks, folders and other names are left alone. Each removal is one ``unlink`` (atomic); the
age is checked again just before it, so a deck written a moment ago is never removed.

The age is the file's modification time: the time the deck was first shared, since
:func:`deck.store` does not rewrite a deck that is already kept.

    python -m dalamangka.decks_gc --hari 90 [--coba] [--folder PATH]

:func:`expired` is the pure rule; :func:`collect` applies it to a folder; :func:`add_arguments`
and :func:`cli` are for ``python -m dalamangka`` (a ``decks-gc`` subcommand).
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dalamangka import deck, fmt
from dalamangka.i18n import Text

DECK_NAME = re.compile(r"[0-9a-f]{10}\.json")
TMP_SUFFIX = ".tmp"
TMP_HOURS = 24
DEFAULT_DAYS = 90

TEXT = Text(
    {
        "done": (
            "{removed} dek bersama dihapus (lebih tua dari {days} hari, {size}); {kept} disimpan; "
            "{tmp} berkas sementara dihapus. Folder: {folder}",
            "{removed} shared decks removed (older than {days} days, {size}); {kept} kept; {tmp} "
            "temporary files removed. Folder: {folder}",
        ),
        "dry": (
            "Percobaan: {removed} dek bersama akan dihapus (lebih tua dari {days} hari, {size}); {kept} "
            "disimpan; {tmp} berkas sementara akan dihapus. Tidak ada yang dihapus. Folder: {folder}",
            "Dry run: {removed} shared decks would be removed (older than {days} days, {size}); {kept} "
            "kept; {tmp} temporary files would be removed. Nothing was removed. Folder: {folder}",
        ),
        "bad_days": (
            "Jumlah hari harus bilangan bulat 1 atau lebih, bukan {value}.",
            "The number of days must be a whole number of 1 or more, not {value}.",
        ),
        "help_days": (
            "hapus dek bersama yang lebih tua dari N hari",
            "remove shared decks older than N days",
        ),
        "help_dry": ("tampilkan saja, jangan hapus apa pun", "only show, remove nothing"),
        "help_folder": ("folder dek bersama (bawaan: data/decks_shared)", "shared decks folder"),
    }
)


@dataclass(frozen=True)
class Entry:
    """One directory entry as seen by :func:`collect` (``lstat``: a symlink is not a file)."""

    name: str
    mtime: float  # seconds since the epoch
    size: int = 0
    is_file: bool = True


@dataclass
class Result:
    removed: list[str] = field(default_factory=list)  # deck files
    tmp_removed: list[str] = field(default_factory=list)
    kept: int = 0
    bytes_removed: int = 0


def _cutoffs(now: float, days: int) -> tuple[float, float]:
    return now - days * 86_400, now - TMP_HOURS * 3_600


def check_days(days: Any) -> int:
    """``days`` as a whole number >= 1, else ValueError with a Bahasa message."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(TEXT("bad_days", "id", value=days))
    return days


def expired(entries: Iterable[Entry], now: float, days: int) -> tuple[list[Entry], list[Entry], int]:
    """(decks to remove, temporary files to remove, decks kept): a deck older than ``days`` days
    (strictly), a ``*.tmp`` older than :data:`TMP_HOURS` hours; anything else is not ours."""
    check_days(days)
    deck_cut, tmp_cut = _cutoffs(now, days)
    decks, tmps, kept = [], [], 0
    for e in entries:
        if not e.is_file:
            continue
        if DECK_NAME.fullmatch(e.name):
            if e.mtime < deck_cut:
                decks.append(e)
            else:
                kept += 1
        elif e.name.endswith(TMP_SUFFIX) and e.mtime < tmp_cut:
            tmps.append(e)
    return sorted(decks, key=lambda e: e.name), sorted(tmps, key=lambda e: e.name), kept


def _entry(path: Path) -> Entry | None:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return None
    return Entry(path.name, st.st_mtime, st.st_size, stat.S_ISREG(st.st_mode))


def collect(
    directory: Path | None = None,
    days: int = DEFAULT_DAYS,
    *,
    now: float | None = None,
    dry_run: bool = False,
) -> Result:
    """Remove the expired decks and temporary files of ``directory`` (the shared-deck store by
    default); what was (or, with ``dry_run``, would be) removed. A missing folder is empty."""
    check_days(days)
    folder = directory or deck.store_dir()
    now = time.time() if now is None else now
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return Result()
    entries = [e for e in (_entry(folder / n) for n in names) if e is not None]
    decks, tmps, kept = expired(entries, now, days)
    result = Result(kept=kept)
    for is_deck, group in ((True, decks), (False, tmps)):
        for e in group:
            path = folder / e.name
            again = _entry(path)  # checked again just before removing: rewritten or gone meanwhile
            if again is None:
                continue
            still = expired([again], now, days)[0 if is_deck else 1]
            if not still:
                result.kept += is_deck
                continue
            if not dry_run:
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue
            if is_deck:
                result.removed.append(e.name)
                result.bytes_removed += again.size
            else:
                result.tmp_removed.append(e.name)
    return result


def _size(n: int, lang: str) -> str:
    if n < 1024:
        return f"{fmt.number(n, 0, lang)} B"
    if n < 1024**2:
        return f"{fmt.number(n / 1024, 1, lang)} KB"
    return f"{fmt.number(n / 1024**2, 1, lang)} MB"


def report(result: Result, days: int, folder: Path, dry_run: bool, lang: str = "id") -> str:
    return TEXT(
        "dry" if dry_run else "done",
        lang,
        removed=fmt.number(len(result.removed), 0, lang),
        days=days,
        size=_size(result.bytes_removed, lang),
        kept=fmt.number(result.kept, 0, lang),
        tmp=fmt.number(len(result.tmp_removed), 0, lang),
        folder=folder,
    )


def add_arguments(parser: Any) -> None:
    parser.add_argument("--hari", "--days", dest="days", type=int, default=DEFAULT_DAYS,
                        help=TEXT("help_days", "id"))  # fmt: skip
    parser.add_argument(
        "--coba", "--dry-run", dest="dry_run", action="store_true", help=TEXT("help_dry", "id")
    )
    parser.add_argument("--folder", type=Path, default=None, help=TEXT("help_folder", "id"))


def cli(args: Any) -> int:
    try:
        days = check_days(args.days)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    folder = args.folder or deck.store_dir()
    result = collect(folder, days, dry_run=args.dry_run)
    print(report(result, days, folder, args.dry_run))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dalamangka.decks_gc", description=__doc__.splitlines()[0]
    )
    add_arguments(parser)
    return cli(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
