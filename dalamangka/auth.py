"""Accounts for importing: salted bcrypt hashes in a file outside git, two roles, slow retries.

The users file (default ``secrets/users.toml``, git-ignored; ``DALAMANGKA_USERS`` overrides it):

    [users.ani]
    role = "walidata"                 # may import anything
    hash = "$2b$12$..."

    [users.budi]
    role = "produsen"
    opd = "disnaker"                  # may import only the indicators of this OPD
    hash = "$2b$12$..."

    [opd.disnaker]
    indikator = ["tpt", "tpak"]

Failed logins are counted per user in ``<users file>.failures.json``; after n failures in a row
the next attempt must wait 2^(n-1) seconds (at most 15 minutes). Passwords are never stored,
logged or echoed; only their hashes are written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bcrypt

from dalamangka import config
from dalamangka.i18n import Text

ROLES = ("walidata", "produsen")
MAX_DELAY = 900.0
TEXT = Text(
    {
        "bad_login": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
        "wait": (
            "Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
            "Too many failed attempts. Try again in {seconds} seconds.",
        ),
        "no_users": (
            "Belum ada akun. Walidata membuatnya dengan: python -m dalamangka user add NAMA --role walidata",
            "No accounts yet. The walidata creates one: python -m dalamangka user add NAME --role walidata",
        ),
        "bad_name": (
            "Nama pengguna hanya huruf kecil, angka, titik, garis bawah.",
            "User names use lower-case letters, digits, dots and underscores only.",
        ),
        "bad_role": (
            "Peran harus walidata atau produsen (dengan OPD).",
            "The role must be walidata or produsen (with an OPD).",
        ),
        "short_password": ("Kata sandi minimal 10 karakter.", "The password needs at least 10 characters."),
    }
)


class LoginFailed(Exception):
    """Login refused; ``key`` and ``fields`` give the message in either language."""

    def __init__(self, key: str, **fields: Any) -> None:
        self.key, self.fields = key, fields
        super().__init__(TEXT(key, "id", **fields))

    def message(self, lang: str = "id") -> str:
        return TEXT(self.key, lang, **self.fields)


@dataclass(frozen=True)
class Session:
    """A logged-in user: walidata (``indicators`` None = all) or produsen of one OPD."""

    user: str
    role: str
    opd: str | None
    indicators: frozenset[str] | None

    def may_import(self, indicator: str) -> bool:
        return self.indicators is None or indicator in self.indicators


def users_path() -> Path:
    return Path(os.environ.get("DALAMANGKA_USERS", config.ROOT / "secrets" / "users.toml"))


def _load(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {"users": {}, "opd": {}}
    with path.open("rb") as f:
        doc = tomllib.load(f)
    doc.setdefault("users", {})
    doc.setdefault("opd", {})
    return doc


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".users-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _save(path: Path, doc: dict[str, Any]) -> None:
    lines = ["# Accounts of the import page and CLI (python -m dalamangka user ...). Keep out of git.", ""]
    for name, u in sorted(doc["users"].items()):
        lines.append(f"[users.{_q(name)}]")
        lines.append(f"role = {_q(u['role'])}")
        if u.get("opd"):
            lines.append(f"opd = {_q(u['opd'])}")
        lines.append(f"hash = {_q(u['hash'])}")
        lines.append("")
    for opd, rec in sorted(doc["opd"].items()):
        lines.append(f"[opd.{_q(opd)}]")
        lines.append("indikator = [" + ", ".join(_q(i) for i in rec.get("indikator", [])) + "]")
        lines.append("")
    _write_atomic(path, "\n".join(lines))


def add_user(
    name: str, password: str, role: str, opd: str | None = None, path: Path | None = None, rounds: int = 12
) -> None:
    """Create or replace an account (the password is stored only as a salted bcrypt hash)."""
    if not re.fullmatch(r"[a-z0-9._]{2,40}", name):
        raise LoginFailed("bad_name")
    if role not in ROLES or (role == "produsen") != bool(opd):
        raise LoginFailed("bad_role")
    if len(password) < 10:
        raise LoginFailed("short_password")
    path = path or users_path()
    doc = _load(path)
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=rounds)).decode()
    doc["users"][name] = {"role": role, "hash": hashed, **({"opd": opd} if opd else {})}
    if opd:
        doc["opd"].setdefault(opd, {"indikator": []})
    _save(path, doc)


def set_opd_indicators(opd: str, indicators: list[str], path: Path | None = None) -> None:
    """The indicators an OPD produces (what its produsen accounts may import)."""
    path = path or users_path()
    doc = _load(path)
    doc["opd"][opd] = {"indikator": sorted(set(indicators))}
    _save(path, doc)


def _failures_path(path: Path) -> Path:
    return path.with_name(path.name + ".failures.json")


def _failures(path: Path) -> dict[str, list[float]]:
    try:
        data = json.loads(_failures_path(path).read_text())
        return {str(k): [float(v[0]), float(v[1])] for k, v in data.items()}
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return {}


def _delay(count: float) -> float:
    return 0.0 if count <= 0 else min(2.0 ** (count - 1), MAX_DELAY)


_DUMMY = bcrypt.hashpw(b"not a password", bcrypt.gensalt(rounds=4))


def login(
    name: str, password: str, path: Path | None = None, now: Callable[[], float] = time.time
) -> Session:
    """The session of a user whose password is right; LoginFailed otherwise (same message for
    an unknown user and a wrong password). Repeated failures must wait longer each time."""
    path = path or users_path()
    doc = _load(path)
    if not doc["users"]:
        raise LoginFailed("no_users")
    failures = _failures(path)
    count, last = failures.get(name, [0.0, 0.0])
    wait = last + _delay(count) - now()
    if wait > 0:
        raise LoginFailed("wait", seconds=int(wait) + 1)
    user = doc["users"].get(name)
    hashed = str(user["hash"]).encode() if user else _DUMMY
    ok = bcrypt.checkpw(password.encode(), hashed) and user is not None
    if not ok:
        failures[name] = [count + 1, now()]
        _write_atomic(_failures_path(path), json.dumps(failures))
        raise LoginFailed("bad_login")
    if name in failures:
        del failures[name]
        _write_atomic(_failures_path(path), json.dumps(failures))
    assert user is not None
    role = str(user["role"])
    opd = str(user["opd"]) if user.get("opd") else None
    allowed = None
    if role != "walidata":
        allowed = frozenset(str(i) for i in doc["opd"].get(opd, {}).get("indikator", []))
    return Session(user=name, role=role, opd=opd, indicators=allowed)
