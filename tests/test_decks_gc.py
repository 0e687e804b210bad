"""Shared-deck clean-up (``dalamangka.decks_gc``): the pure rule, a real folder with decks kept
by ``deck.store``, what is never touched, the dry run, and the CLI in Bahasa."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dalamangka import deck, decks_gc
from dalamangka.decks_gc import Entry

NOW = 1_800_000_000.0
DAY = 86_400.0
ROOT = Path(__file__).resolve().parent.parent


def test_expired_is_strictly_older_than_n_days_and_only_our_names() -> None:
    entries = [
        Entry("0123456789.json", NOW - 90 * DAY - 1),  # older than 90 days
        Entry("abcdefabcd.json", NOW - 90 * DAY),  # exactly 90 days: kept
        Entry("fedcba9876.json", NOW - 1),
        Entry("ABCDEF0123.json", NOW - 400 * DAY),  # not a store id (upper case): not ours
        Entry("0123456789.json.bak", NOW - 400 * DAY),
        Entry("README.md", NOW - 400 * DAY),
        Entry("1111111111.json", NOW - 400 * DAY, is_file=False),  # a folder or a symlink
        Entry("tmpab12.tmp", NOW - 25 * 3600),  # an unfinished write of yesterday
        Entry("tmpcd34.tmp", NOW - 3600),  # perhaps being written now
    ]
    decks, tmps, kept = decks_gc.expired(entries, NOW, 90)
    assert [e.name for e in decks] == ["0123456789.json"]
    assert [e.name for e in tmps] == ["tmpab12.tmp"]
    assert kept == 2
    assert [e.name for e in decks_gc.expired(entries, NOW, 1)[0]] == ["0123456789.json", "abcdefabcd.json"]
    for bad in (0, -3, 1.5, True, "90"):
        with pytest.raises(ValueError, match="bilangan bulat 1 atau lebih"):
            decks_gc.expired(entries, NOW, bad)  # type: ignore[arg-type]


def _deck(title: str, kota: str) -> deck.Deck:
    return deck.Deck(title, (deck.Slide("ringkasan", {"kota": kota}, title),))


def _age(path: Path, days: float) -> None:
    os.utime(path, (NOW - days * DAY, NOW - days * DAY))


def test_collect_removes_old_shared_decks_and_leaves_the_rest(tmp_path: Path) -> None:
    store = tmp_path / "decks_shared"
    old = deck.store(_deck("Lama", "1275"), store)
    new = deck.store(_deck("Baru", "1971"), store)
    _age(store / f"{old}.json", 120)
    _age(store / f"{new}.json", 10)
    (store / "catatan.txt").write_text("bukan dek")
    _age(store / "catatan.txt", 400)
    (store / "sisa.tmp").write_bytes(b"{")
    _age(store / "sisa.tmp", 2)
    sub = store / "0000000000.json"  # a folder with a deck's name: never removed
    sub.mkdir()
    os.utime(sub, (NOW - 400 * DAY, NOW - 400 * DAY))
    outside = tmp_path / "aaaaaaaaaa.json"
    outside.write_text("{}")
    _age(outside, 400)
    (store / "bbbbbbbbbb.json").symlink_to(outside)  # a symlink is not followed or removed

    size = (store / f"{old}.json").stat().st_size
    dry = decks_gc.collect(store, 90, now=NOW, dry_run=True)
    assert (dry.removed, dry.tmp_removed, dry.kept, dry.bytes_removed) == (
        [f"{old}.json"],
        ["sisa.tmp"],
        1,
        size,
    )
    assert (store / f"{old}.json").exists() and (store / "sisa.tmp").exists()

    done = decks_gc.collect(store, 90, now=NOW)
    assert (done.removed, done.tmp_removed, done.kept) == ([f"{old}.json"], ["sisa.tmp"], 1)
    left = {p.name for p in store.iterdir()}
    assert left == {"0000000000.json", "bbbbbbbbbb.json", "catatan.txt", f"{new}.json"}
    assert outside.exists()
    with pytest.raises(deck.DeckError):
        deck.stored(old, store)
    assert deck.stored(new, store).title == "Baru"
    assert decks_gc.collect(tmp_path / "tidak-ada", 90, now=NOW) == decks_gc.Result()


def test_a_deck_rewritten_after_the_scan_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "s"
    key = deck.store(_deck("Dek", "1275"), store)
    path = store / f"{key}.json"
    _age(path, 200)
    real = decks_gc.expired
    calls = {"n": 0}

    def scan_then_rewrite(entries, now, days):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        out = real(entries, now, days)
        if calls["n"] == 1:  # shared again between the scan and the removal
            os.utime(path, (NOW, NOW))
        return out

    monkeypatch.setattr(decks_gc, "expired", scan_then_rewrite)
    result = decks_gc.collect(store, 90, now=NOW)
    assert (result.removed, result.kept) == ([], 1) and path.exists()


def test_cli_reports_in_bahasa_and_refuses_a_bad_number(tmp_path: Path) -> None:
    store = tmp_path / "s"
    key = deck.store(_deck("Dek", "1275"), store)
    os.utime(store / f"{key}.json", (0, 0))  # 1970: older than any N
    run = [sys.executable, "-m", "dalamangka.decks_gc", "--folder", str(store)]
    out = subprocess.run(
        [*run, "--hari", "30", "--coba"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("Percobaan: 1 dek bersama akan dihapus (lebih tua dari 30 hari,")
    assert (store / f"{key}.json").exists()
    out = subprocess.run([*run, "--hari", "30"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.startswith("1 dek bersama dihapus (lebih tua dari 30 hari,")
    assert not (store / f"{key}.json").exists()
    bad = subprocess.run([*run, "--hari", "0"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "bukan 0" in bad.stderr


def test_sharing_a_deck_again_restarts_its_age(tmp_path: Path) -> None:
    """deck.store of a deck already kept touches it, so decks-gc counts from the last share."""
    from dalamangka import deck as deck_mod

    d = deck_mod.Deck(title="Uji", slides=(deck_mod.Slide("tren", {"kota": "1275"}, "Medan"),))
    key = deck_mod.store(d, tmp_path)
    path = tmp_path / f"{key}.json"
    old = path.stat().st_mtime - 200 * 86400
    os.utime(path, (old, old))
    assert deck_mod.store(d, tmp_path) == key
    assert path.stat().st_mtime > old + 199 * 86400
