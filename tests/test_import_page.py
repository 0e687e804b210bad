"""The Impor page through AppTest: login required, then a preview of new / changed / unchanged
figures, and saving into a copy of the full warehouse (never the session fixture file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dalamangka import auth, sql
from dalamangka.importer import read_only
from dalamangka.importer.view import Upload
from tests.conftest import AppFactory

FIXTURES = Path(__file__).resolve().parent / "data" / "imports"
PASSWORD = "kata-sandi-uji-9431"


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "users.toml"
    auth.add_user("ani", PASSWORD, "walidata", path=path, rounds=4)
    monkeypatch.setenv("DALAMANGKA_USERS", str(path))
    return path


def test_page_needs_login_and_offers_the_template(app: AppFactory, users: Path) -> None:
    at = app(page="pages/impor.py", kota="Kota Pangkal Pinang")
    assert at.title[0].value == "Impor data"
    assert [b.label for b in at.get("download_button")] == ["Unduh templat Kota Pangkal Pinang"]
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert not at.get("file_uploader")  # nothing to upload before logging in
    at.text_input(key="impor_user").set_value("ani")
    at.text_input(key="impor_password").set_value("salah-sekali")
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    assert any("salah" in e.value for e in at.error)
    assert not at.get("file_uploader")


def test_login_preview_and_save(
    app: AppFactory, users: Path, full_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "full.duckdb"
    shutil.copyfile(full_warehouse, copy)
    at = app(page="pages/impor.py", kota="Kota Pangkal Pinang")
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(copy))  # saving goes to the copy
    at.text_input(key="impor_user").set_value("ani")
    at.text_input(key="impor_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    assert at.success[0].value == "Masuk sebagai ani (walidata)."
    assert at.expander[0].label == "Riwayat impor" and at.dataframe[0].value.empty
    assert at.get("file_uploader")
    # AppTest cannot drive a file uploader: the upload is given as the page keeps it
    data = (FIXTURES / "templat_revisi_tpt_labuhanbatuutara.csv").read_bytes()
    at.session_state["impor_upload"] = Upload("templat_revisi_tpt_labuhanbatuutara.csv", data)
    at.run()
    assert "Format dikenali: templat impor" in [c.value for c in at.caption]
    at.button(key="impor_preview").click()
    at.run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Baru", "Berubah", "Sama", "Sel simbol"]
    assert [m.value for m in at.metric] == ["0", "1", "0", "0"]
    changed = at.dataframe[2].value  # [0] is the import history, then new, changed, ...
    assert changed.iloc[0].tolist() == [
        2,
        "Kabupaten Labuhanbatu Utara",
        "tpt",
        2021,
        "5,71",
        "5,74",
        "tidak_diketahui",
    ]
    assert changed.iloc[0]["Nilai lama"] == "5,71" and changed.iloc[0]["Nilai"] == "5,74"
    at.text_input(key="impor_publisher").set_value("BPS")
    at.text_input(key="impor_publication").set_value("Susenas Maret 2021 dan Sakernas Agustus 2021")
    at.button(key="impor_save").click()
    at.run()
    assert not at.exception
    assert any("Tersimpan sebagai batch 1" in s.value for s in at.success)
    with read_only(copy) as con:
        got = sql.run(con, "fact_revisions_latest", kode="1223", indicators=["tpt"])
    assert got[["tahun", "old_nilai", "new_nilai"]].values.tolist() == [[2021, 5.71, 5.74]]
    with read_only(full_warehouse) as con:  # the session fixture file is untouched
        assert sql.run(con, "import_batches").empty


def test_running_app_sees_an_import(
    tiny_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dalamangka import ui
    from dalamangka.auth import Session
    from dalamangka.importer import Options, SourceGiven, commit, prepare

    path = tmp_path / "app.duckdb"
    shutil.copyfile(tiny_warehouse, path)
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(path))
    assert len(ui.query("indicator_series", kodes=["1971"], indicators=["tpt"])) == 4
    plan = prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", path, Options())
    commit(plan, Session("ani", "walidata", None, None), SourceGiven("BPS", "uji"), path)
    assert len(ui.query("indicator_series", kodes=["1971"], indicators=["tpt"])) == 7


def test_page_speaks_english(app: AppFactory, users: Path) -> None:
    at = app(page="pages/impor.py", kota="Kota Medan", lang="English")
    assert at.title[0].value == "Import data"
    assert [t.label for t in at.text_input] == ["User name", "Password"]


def test_page_offers_sheet_city_and_breakdowns(
    app: AppFactory, users: Path, full_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dalam Angka sex table on its second sheet: the page offers the sheet, the table's city
    and one indicator for the breakdown (each rincian its own figure), as the CLI does."""
    from tests import import_tables as tables

    copy = tmp_path / "full.duckdb"
    shutil.copyfile(full_warehouse, copy)
    at = app(page="pages/impor.py", kota="Kota Pangkal Pinang")
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(copy))
    at.text_input(key="impor_user").set_value("ani")
    at.text_input(key="impor_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    cover = [("Sampul", [["Kota Pangkalpinang Dalam Angka 2011"]])]
    path = tables.dalam_angka_sex(tmp_path / "tabel.xlsx", before=cover)
    at.session_state["impor_upload"] = Upload("tabel.xlsx", path.read_bytes())
    at.run()
    assert not at.exception
    assert at.selectbox(key="impor_sheet").value == "Tabel 3.1.2"
    assert at.selectbox(key="impor_sheet").options == ["Sampul", "Tabel 3.1.2"]
    assert at.selectbox(key="impor_city").value == "1971"
    assert any("Laki-laki/Male, Perempuan/Female, Jumlah/Total" in c.value for c in at.caption)
    at.selectbox(key="impor_indicator").set_value("penduduk_sp2010_olah_cepat")
    at.selectbox(key="impor_status").set_value("sementara")  # SP2010 quick count, as stored
    at.button(key="impor_preview").click()
    at.run()
    assert not at.exception and not at.error
    assert [m.value for m in at.metric] == ["12", "0", "6", "0"]


def test_page_shows_a_refusal_inert(app: AppFactory, users: Path, tmp_path: Path) -> None:
    at = app(page="pages/impor.py", kota="Kota Pangkal Pinang")
    at.text_input(key="impor_user").set_value("ani")
    at.text_input(key="impor_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    body = "Provinsi/Kabupaten/Kota,2023\r\n[klik](javascript:alert(1)) <b>x</b>,5.76\r\n"
    at.session_state["impor_upload"] = Upload("t.csv", body.encode())
    at.run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("Impor dibatalkan; gudang data tidak berubah.")
    assert "\\[klik\\]\\(javascript:alert\\(1\\)\\) \\<b\\>x" in error.value


def test_page_indicator_per_column_like_the_cli(app: AppFactory, users: Path, tmp_path: Path) -> None:
    """--kolom B=kode on the page: only the columns chosen are imported."""
    at = app(page="pages/impor.py", kota="Kota Pangkal Pinang")
    at.text_input(key="impor_user").set_value("ani")
    at.text_input(key="impor_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    data = (FIXTURES / "bps_dinamis_tpt_5kota.xlsx").read_bytes()
    at.session_state["impor_upload"] = Upload("bps_dinamis_tpt_5kota.xlsx", data)
    at.run()
    assert [s.key for s in at.selectbox if s.key.startswith("impor_col_")] == [
        f"impor_col_{c}" for c in "BCDEFGH"
    ]
    at.selectbox(key="impor_col_B").set_value("tpt")
    at.button(key="impor_preview").click()
    at.run()
    assert not at.exception and not at.error
    assert [m.value for m in at.metric] == ["0", "0", "5", "0"]  # 2018 of the five cities only (held)
