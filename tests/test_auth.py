"""Accounts: salted hashes only, roles, slowed-down retries; no write without a valid login; no
password or WebAPI key in output, logs or files."""

from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
import urllib.error
from pathlib import Path

import pytest

from dalamangka import auth
from dalamangka.__main__ import main
from dalamangka.importer import read_only

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "imports"
PASSWORD = "kata-sandi-uji-9431"
KEY = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"  # a made-up WebAPI key for the offline test


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secrets" / "users.toml"
    monkeypatch.setenv("DALAMANGKA_USERS", str(path))
    auth.add_user("ani", PASSWORD, "walidata", path=path, rounds=4)
    auth.add_user("budi", PASSWORD, "produsen", opd="disnaker", path=path, rounds=4)
    auth.set_opd_indicators("disnaker", ["tpt", "tpak"], path=path)
    return path


def test_only_salted_hashes_are_stored(users: Path) -> None:
    text = users.read_text()
    assert PASSWORD not in text
    hashes = [line.split('"')[1] for line in text.splitlines() if line.startswith("hash")]
    assert len(hashes) == 2 and all(h.startswith("$2b$04$") for h in hashes)
    assert hashes[0] != hashes[1]  # same password, different salt
    assert oct(users.stat().st_mode & 0o777) == "0o600"


def test_roles(users: Path) -> None:
    walidata = auth.login("ani", PASSWORD, users)
    assert (walidata.role, walidata.indicators) == ("walidata", None)
    assert walidata.may_import("p0")
    produsen = auth.login("budi", PASSWORD, users)
    assert (produsen.role, produsen.opd, produsen.indicators) == (
        "produsen",
        "disnaker",
        frozenset({"tpt", "tpak"}),
    )
    assert produsen.may_import("tpt") and not produsen.may_import("p0")


def test_wrong_password_and_unknown_user_look_the_same(users: Path) -> None:
    clock = Clock()
    with pytest.raises(auth.LoginFailed) as wrong:
        auth.login("ani", "salah-sekali", users, now=clock)
    with pytest.raises(auth.LoginFailed) as unknown:
        auth.login("siapa", "salah-sekali", users, now=clock)
    assert wrong.value.message() == unknown.value.message() == "Nama pengguna atau kata sandi salah."
    assert wrong.value.message("en") == "Wrong user name or password."


def test_repeated_failures_wait_longer_each_time(users: Path) -> None:
    clock = Clock()
    waits = []
    for _ in range(5):
        with pytest.raises(auth.LoginFailed, match="salah"):
            auth.login("ani", "salah-sekali", users, now=clock)
        with pytest.raises(auth.LoginFailed) as e:
            auth.login("ani", PASSWORD, users, now=clock)  # even the right password must wait
        assert e.value.key == "wait"
        waits.append(e.value.fields["seconds"])
        clock.t += e.value.fields["seconds"]
    assert waits == [2, 3, 5, 9, 17]  # 2^(n-1) seconds, rounded up
    assert auth.login("ani", PASSWORD, users, now=clock).user == "ani"
    assert "ani" not in json.loads((users.parent / "users.toml.failures.json").read_text())
    assert auth.login("budi", PASSWORD, users, now=clock).user == "budi"  # other users were never slowed


def test_account_rules(users: Path) -> None:
    with pytest.raises(auth.LoginFailed, match="minimal 10"):
        auth.add_user("cici", "pendek", "walidata", path=users, rounds=4)
    with pytest.raises(auth.LoginFailed, match="walidata atau produsen"):
        auth.add_user("cici", PASSWORD, "produsen", path=users, rounds=4)  # a produsen needs an OPD
    with pytest.raises(auth.LoginFailed, match="huruf kecil"):
        auth.add_user("Cici Baru", PASSWORD, "walidata", path=users, rounds=4)


def test_no_accounts_file_means_no_login(tmp_path: Path) -> None:
    with pytest.raises(auth.LoginFailed, match="Belum ada akun"):
        auth.login("ani", PASSWORD, tmp_path / "none.toml")


def test_users_file_is_outside_git() -> None:
    assert auth.users_path().relative_to(ROOT).parts[0] == "secrets"
    done = subprocess.run(["git", "check-ignore", "-q", "secrets/users.toml"], cwd=ROOT, check=False)
    assert done.returncode == 0


# --- the CLI: no write without a valid login; secrets never leak ------------------------------


@pytest.fixture
def wh(tiny_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "wh" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copyfile(tiny_warehouse, target)
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(target))
    return target


def batches(path: Path) -> int:
    with read_only(path) as con:
        row = con.execute("select count(*) from import_batches").fetchone()
        assert row is not None
        return int(row[0])


IMPORT = [
    "import",
    str(FIXTURES / "templat_tpt_pangkalpinang.csv"),
    "--yes",
    "--penerbit",
    "BPS",
    "--publikasi",
    "TPT",
]


def test_cli_import_needs_a_valid_login(
    users: Path, wh: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = wh.read_bytes()
    monkeypatch.setenv("DALAMANGKA_PASSWORD", "bukan-kata-sandinya")
    assert main([*IMPORT, "--user", "ani"]) == 3
    assert "Gagal masuk" in capsys.readouterr().err
    monkeypatch.setenv("DALAMANGKA_PASSWORD", PASSWORD)
    assert main([*IMPORT, "--user", "tamu"]) == 3
    assert wh.read_bytes() == before
    # a produsen of another OPD is refused too
    auth.add_user("dedi", PASSWORD, "produsen", opd="dinkes", path=users, rounds=4)
    assert main([*IMPORT, "--user", "dedi"]) == 1
    assert "tidak berwenang" in capsys.readouterr().err
    assert wh.read_bytes() == before
    assert main([*IMPORT, "--user", "budi"]) == 0
    assert batches(wh) == 1


def test_no_password_or_key_in_output_logs_or_files(
    users: Path,
    wh: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    saved = (FIXTURES / "webapi_1971_penduduk_laki_sp2010.json").read_bytes()
    seen_urls: list[str] = []

    def fake_urlopen(url: str, timeout: float) -> io.BytesIO:
        seen_urls.append(url)
        return io.BytesIO(saved)

    monkeypatch.setattr("urllib.request.urlopen", fake_urlopen)
    monkeypatch.setenv("DALAMANGKA_PASSWORD", PASSWORD)
    monkeypatch.setenv("DALAMANGKA_BPS_KEY", KEY)
    args = [
        "import",
        "--webapi",
        "--domain",
        "1971",
        "--var",
        "31",
        "--user",
        "ani",
        "--yes",
        "--kota",
        "1971",
        "--indikator",
        "penduduk_laki_laki_sp2010_olah_cepat",
        "--penerbit",
        "BPS",
        "--publikasi",
        "SP2010",
    ]
    assert main(args) == 0
    assert seen_urls == [
        f"https://webapi.bps.go.id/v1/api/list/model/data/lang/ind/domain/1971/var/31/key/{KEY}"
    ]
    assert main([*IMPORT, "--user", "ani"]) == 0

    # a failing fetch names the HTTP status only, never the URL that holds the key
    def failing(url: str, timeout: float) -> io.BytesIO:
        raise urllib.error.HTTPError(url, 403, f"Forbidden {url}", {}, None)  # type: ignore[arg-type]

    monkeypatch.setattr("urllib.request.urlopen", failing)
    assert main(args) == 1
    out = capsys.readouterr()
    assert "HTTP 403" in out.err
    texts = [out.out, out.err, caplog.text]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            texts.append(path.read_bytes().decode("latin-1"))
    assert batches(wh) == 2
    for text in texts:
        assert PASSWORD not in text
        assert KEY not in text
