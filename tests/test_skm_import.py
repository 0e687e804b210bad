"""Importing SKM sheets: exact rows written, every refusal names the cell in Bahasa, and a refused
or failed import leaves the warehouse byte-identical.

The sheets are test inputs constructed here (no real unit's answers are shipped); the unit and
OPD names are the kind a city uses, the answers are made up to exercise the rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from dalamangka import auth, skm_report, sql
from dalamangka.__main__ import main
from dalamangka.auth import Session
from dalamangka.importer import ImportFailed, SourceGiven, read_only
from dalamangka.importer import skm as skm_import

TODAY = dt.date(2026, 11, 27)
WALIDATA = Session("ani", "walidata", None, None)
SOURCE = SourceGiven("Disdukcapil Kota Pangkalpinang", "Laporan SKM Semester I 2024 (uji)")
HEAD = (
    "kode_wilayah,opd,unit_layanan,tahun,periode,populasi,responden,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis_kelamin"
)
UNIT = "1971,Dinas Kependudukan dan Pencatatan Sipil,Layanan KTP-el,2024,semester 1,20"
ANSWERS = ["4,3,3,4,3,4,4,2,3,P", "3,3,2,4,3,3,4,3,3,L", "4,4,3,4,4,4,4,3,4,P", "3,2,2,4,3,3,3,2,3,L"]


def respondent_csv(path: Path, rows: list[str] | None = None, head: str = HEAD) -> Path:
    body = rows if rows is not None else [f"{UNIT},R{i + 1},{a}" for i, a in enumerate(ANSWERS)]
    path.write_text("\n".join([head, *body]) + "\n", encoding="utf-8")
    return path


WEIGHTS = {"U1": 0.15, "U10": 0.05}  # the others 0,1: the sum is exactly 1


def nrr_xlsx(path: Path, drop: str | None = None, year: int = 2024, extra: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(list(skm_import.NRR_COLUMNS))
    values = {f"U{i}": 3.2 for i in range(1, 10)} | ({"U10": 2.0} if extra else {})
    for code, v in values.items():
        if code == drop:
            continue
        name = "Kemudahan akses daring" if code == "U10" else None
        ws.append(["3375", "Dinas Penanaman Modal dan PTSP", "Perizinan berusaha", year, "tahunan", 384, 1200,
                   code, name, v, WEIGHTS.get(code, 0.1) if extra else None, None])  # fmt: skip
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, target: Path) -> list[str]:
    before = digest(target)
    with pytest.raises(ImportFailed) as e:
        skm_import.prepare(path, target, today=TODAY)
    assert digest(target) == before
    return e.value.messages("id")


def test_respondent_sheet_imports_exactly(wh: Path, tmp_path: Path) -> None:
    plan = skm_import.prepare(respondent_csv(tmp_path / "r.csv"), wh, today=TODAY)
    assert plan.format == "skm_responden"
    preview = plan.preview().iloc[0]
    assert (preview.nilai_konversi, preview.mutu, preview.responden) == ("81.25", "B", 4)
    batch = skm_import.commit(plan, WALIDATA, SOURCE, wh)
    with read_only(wh) as con:
        surveys = sql.run(con, "skm_surveys", kode="1971")
        unsur = sql.run(con, "skm_unsur", kode="1971")
        batches = con.execute("select batch_id, format, rows_added, user_name from import_batches").fetchall()
        demo = con.execute("select responden, jenis_kelamin from skm_respondents order by 1").fetchall()
    assert batches == [(batch, "skm_responden", 1, "ani")]
    assert demo == [("R1", "P"), ("R2", "L"), ("R3", "P"), ("R4", "L")]
    got = surveys[surveys.batch_id == batch].iloc[0]
    assert (got.unit_layanan, got.periode, got.tahun, got.responden, got.populasi, got.dasar) == (
        "Layanan KTP-el", "Semester I", 2024, 4, 20, "responden",
    )  # fmt: skip
    mine = unsur[unsur.survey_id == got.survey_id]
    assert list(mine.unsur) == [f"U{i}" for i in range(1, 10)]
    assert list(mine.total) == [14, 12, 10, 16, 13, 14, 15, 10, 13] and set(mine.n) == {4}
    res = skm_report.results(surveys, unsur, "id")
    row = res[res.survey_id == got.survey_id].iloc[0]
    assert (row.score, row.mutu, row.minimum) == (Decimal("81.25"), "B", 19)  # 4 < 19: below the table
    seed = res[res.dasar == "dilaporkan"].iloc[0]
    assert (seed.score_text, seed.mutu, seed.period) == (
        "93,4",
        None,
        "periode tidak diketahui (dilaporkan Februari 2024)",
    )
    assert (wh.parent / "imports" / "skm").is_dir()


def test_nrr_sheet_with_extra_unsur_and_weights(wh: Path, tmp_path: Path) -> None:
    plan = skm_import.prepare(nrr_xlsx(tmp_path / "n.xlsx"), wh, today=TODAY)
    assert plan.format == "skm_nrr"
    s = plan.surveys[0]
    assert (s.responden, s.populasi, s.unsur["U10"], s.weights["U10"]) == (
        384,
        1200,
        "Kemudahan akses daring",
        Decimal("0.05"),
    )
    assert s.result().converted == Decimal("78.50")  # 0,15 x 3,2 + 8 x 0,1 x 3,2 + 0,05 x 2,0 = 3,14
    skm_import.commit(plan, WALIDATA, SOURCE, wh)
    with read_only(wh) as con:
        rows = con.execute(
            "select unsur, cast(nrr as varchar), cast(bobot as varchar) from skm_unsur "
            "where unsur in ('U1', 'U10') order by 1"
        ).fetchall()
        surveys = sql.run(con, "skm_surveys", kode="3375")
        unsur = sql.run(con, "skm_unsur", kode="3375")
        cities = sql.run(con, "skm_cities")
    assert rows == [("U1", "3.2000000000", "0.1500000000"), ("U10", "2.0000000000", "0.0500000000")]
    res = skm_report.results(surveys, unsur, "id")
    computed = res[~res.reported.astype(bool)].iloc[0]
    assert (computed.score, computed.mutu, computed.minimum) == (Decimal("78.50"), "B", 291)
    prof = skm_report.profile(unsur, computed.survey_id, "id")
    assert list(prof.unsur[:2]) == ["U10", "U1"]  # weakest first
    assert list(cities.kode) == ["1971", "3375"] and list(cities.surveys) == [1, 2]


def test_refusals_name_the_cell(wh: Path, tmp_path: Path) -> None:
    bad = [f"{UNIT},R1,{ANSWERS[0]}", f"{UNIT},R2,3,3,2,5,3,3,4,3,3,L"]
    assert refused(respondent_csv(tmp_path / "a.csv", bad), wh) == [
        "Baris 3, kolom K (U4): jawaban '5' harus bilangan bulat 1 sampai 4. Perbaikan: Isi 1 (tidak baik), "
        "2 (kurang baik), 3 (baik) atau 4 (sangat baik)."
    ]
    blank = [f"{UNIT},R1,4,3,3,4,,4,4,2,3,P"]
    assert refused(respondent_csv(tmp_path / "b.csv", blank), wh)[0].startswith(
        "Baris 2, kolom L (U5): jawaban U5 kosong."
    )
    dup = [f"{UNIT},R1,{ANSWERS[0]}", f"{UNIT},R2,{ANSWERS[1]}", f"{UNIT},R1,{ANSWERS[2]}"]
    assert refused(respondent_csv(tmp_path / "c.csv", dup), wh)[0].startswith(
        "Baris 4, kolom G (responden): responden 'R1' muncul dua kali (juga di baris 2)."
    )
    future = [
        f"1971,Dinas Kependudukan dan Pencatatan Sipil,Layanan KTP-el,2027,semester 1,20,R1,{ANSWERS[0]}"
    ]
    assert refused(respondent_csv(tmp_path / "d.csv", future), wh)[0].startswith(
        "Baris 2, kolom E (periode): periode Semester I 2027 belum dimulai (hari ini 2026-11-27)."
    )
    assert refused(nrr_xlsx(tmp_path / "e.xlsx", drop="U9"), wh)[0].startswith(
        "Baris 2: Perizinan berusaha Tahunan 2024: unsur wajib U9 tidak ada (PermenPANRB 14/2017 (9 unsur))."
    )
    no_u9 = HEAD.replace(",U9", "")
    short = [f"{UNIT},R1,4,3,3,4,3,4,4,2,P"]
    assert "unsur wajib U9 tidak ada" in refused(respondent_csv(tmp_path / "f.csv", short, no_u9), wh)[0]
    split = [f"{UNIT},R1,{ANSWERS[0]},3,5"]  # an unquoted decimal comma adds cells
    assert refused(respondent_csv(tmp_path / "g.csv", split), wh)[0].startswith(
        "Baris 2: baris ini berisi 19 sel, judulnya hanya 17 kolom"
    )
    no_opd = [f"1971,,Layanan KTP-el,2024,semester 1,20,R1,{ANSWERS[0]}"]
    assert refused(respondent_csv(tmp_path / "i.csv", no_opd), wh) == [
        "Baris 2, kolom B (opd): 'opd' kosong. Perbaikan: Isi sel ini."
    ]
    old = nrr_xlsx(tmp_path / "h.xlsx", year=2015, extra=False)
    assert "tidak dapat memakai PermenPANRB 14/2017" in refused(old, wh)[0]


def test_same_survey_twice_is_refused(wh: Path, tmp_path: Path) -> None:
    path = respondent_csv(tmp_path / "r.csv")
    skm_import.commit(skm_import.prepare(path, wh, today=TODAY), WALIDATA, SOURCE, wh, keep_journal=False)
    assert refused(path, wh)[0].startswith(
        "Baris 2: Layanan KTP-el Semester I 2024 sudah ada di gudang data (batch 1)."
    )


def test_failed_write_and_other_opd_leave_the_warehouse_byte_identical(
    wh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = skm_import.prepare(respondent_csv(tmp_path / "r.csv"), wh, today=TODAY)
    before = digest(wh)
    other = Session("budi", "produsen", "Dinas Kesehatan", frozenset())
    with pytest.raises(ImportFailed) as e:
        skm_import.commit(plan, other, SOURCE, wh)
    assert "tidak berwenang" in e.value.messages()[0]
    real = sql.execute

    def broken(con: object, name: str, **params: object) -> None:
        if name == "skm_insert_answers":
            raise __import__("duckdb").ConstraintException("uji")
        real(con, name, **params)  # type: ignore[arg-type]

    monkeypatch.setattr(sql, "execute", broken)
    with pytest.raises(ImportFailed) as e:
        skm_import.commit(plan, WALIDATA, SOURCE, wh)
    assert e.value.messages()[0].startswith("Penyimpanan gagal; gudang data tidak berubah")
    assert digest(wh) == before
    assert not list(wh.parent.glob(".import-*"))
    own = Session("citra", "produsen", "Dinas Kependudukan dan Pencatatan Sipil", frozenset())
    monkeypatch.setattr(sql, "execute", real)
    assert skm_import.commit(plan, own, SOURCE, wh, keep_journal=False) == 1


def test_cli_imports_and_replays_skm_sheets(
    wh: Path,
    tiny_warehouse: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    users = tmp_path / "users.toml"
    auth.add_user("ani", "kata-sandi-uji-17", "walidata", path=users, rounds=4)
    monkeypatch.setenv("DALAMANGKA_USERS", str(users))
    monkeypatch.setenv("DALAMANGKA_PASSWORD", "kata-sandi-uji-17")
    bad = respondent_csv(tmp_path / "bad.csv", [f"{UNIT},R1,4,3,3,4,3,4,4,2,9,P"])
    before = digest(wh)
    assert main(["import", str(bad), "--user", "ani", "--yes", "--target", str(wh),
                 "--penerbit", "X", "--publikasi", "Y"]) == 1  # fmt: skip
    assert "Baris 2, kolom P (U9): jawaban '9'" in capsys.readouterr().err
    assert digest(wh) == before
    good = respondent_csv(tmp_path / "ktp.csv")
    args = [
        "import",
        str(good),
        "--user",
        "ani",
        "--target",
        str(wh),
        "--penerbit",
        "Disdukcapil",
        "--publikasi",
        "SKM",
    ]
    assert main([*args, "--yes"]) == 0
    assert "81,25 B Baik" in capsys.readouterr().out
    with read_only(wh) as con:
        imported_at = con.execute("select imported_at from import_batches").fetchone()
    shutil.copyfile(tiny_warehouse, wh)  # a rebuild from data/: the journal brings the sheet back
    assert main(["import", "--replay", "--user", "ani", "--target", str(wh)]) == 0
    assert "1 batch SKM" in capsys.readouterr().out
    with read_only(wh) as con:
        assert con.execute("select imported_at from import_batches").fetchone() == imported_at
        assert con.execute("select count(*) from skm_answers").fetchone() == (36,)


def test_commit_runs_each_write_once_and_queries_give_exact_rows(
    wh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = skm_import.prepare(respondent_csv(tmp_path / "r.csv"), wh, today=TODAY)
    with read_only(wh) as con:
        regions = sql.run(con, "skm_regions")
        assert sql.run(con, "skm_existing_surveys", ids=[plan.surveys[0].survey_id]).empty
    assert {"1971", "3375", "1275"} <= set(regions.kode) and set(regions.level) == {"kota", "kabupaten"}
    calls: list[str] = []
    real = sql.execute

    def spy(con: object, name: str, **params: object) -> None:
        calls.append(name)
        real(con, name, **params)  # type: ignore[arg-type]

    monkeypatch.setattr(sql, "execute", spy)
    batch = skm_import.commit(plan, WALIDATA, SOURCE, wh, keep_journal=False)
    writes = [
        "skm_insert_units",
        "skm_insert_surveys",
        "skm_insert_unsur",
        "skm_insert_respondents",
        "skm_insert_answers",
    ]
    assert [c for c in calls if c.startswith("skm_")] == writes
    with read_only(wh) as con:
        existing = sql.run(con, "skm_existing_surveys", ids=[plan.surveys[0].survey_id, "tidak-ada"])
        check = sql.run(con, "skm_batch_check", batch_id=batch)
    assert existing.to_dict("records") == [
        {"survey_id": "1971-dinas-kependudukan-dan-pencatatan-sipil-layanan-ktp-el-2024-semester-i-"
         "permenpanrb_14_2017",
         "batch_id": batch}
    ]  # fmt: skip
    assert check.to_dict("records") == [{"surveys": 1, "unsur": 9, "respondents": 4, "answers": 36}]


def test_latest_period_is_by_calendar_not_by_name() -> None:
    """Triwulan IV ends after Semester I of the same year; the latest is the one ending last."""
    rows = pd.DataFrame(
        {
            "unit_id": ["u", "u", "u"],
            "period": ["a", "b", "c"],
            "sort": [(2024, 6, "Semester I"), (2024, 12, "Triwulan IV"), (2023, 12, "Tahunan")],
        }
    )
    assert skm_report.latest(rows).period.tolist() == ["b"]
    assert skm_report.PERIOD_END["Triwulan IV"] > skm_report.PERIOD_END["Semester I"]
