"""The Catatan FGD page through AppTest: adding a note (routing, rate limit, inert text),
resolving it (who may, reasons, the log), the room view, and the markers on Ringkasan/Kualitas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dalamangka import auth
from dalamangka.notes import store, validate
from dalamangka.notes.model import Routing
from dalamangka.ui import notes as ui_notes
from tests.conftest import AppFactory

PASSWORD = "rahasia-fgd-2026"
HOSTILE = "<script>window.__pwned=1</script> [klik](javascript:alert(1)) **tebal** \u202eEXE.TXT"


@pytest.fixture
def notes_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    users = tmp_path / "users.toml"
    auth.add_user("ani", PASSWORD, "walidata", path=users, rounds=4)
    auth.add_user("budi", PASSWORD, "produsen", opd="bps", path=users, rounds=4)
    auth.add_user("citra", PASSWORD, "produsen", opd="dinkes", path=users, rounds=4)
    auth.set_opd_indicators("bps", ["ipm", "tpt"], path=users)
    auth.set_opd_indicators("dinkes", ["sanitasi_layak"], path=users)
    url = f"sqlite:///{tmp_path / 'notes.sqlite'}"
    monkeypatch.setenv("DALAMANGKA_USERS", str(users))
    monkeypatch.setenv("DALAMANGKA_NOTES_URL", url)
    return url


def _send(at, body: str, author: str = "Ani Siregar", figure: str = "", source: str = "") -> None:  # type: ignore[no-untyped-def]
    at.text_area(key="catatan_baru_body").input(body)
    at.text_input(key="catatan_baru_author").input(author)
    at.text_input(key="catatan_baru_unit").input("Bappeda")
    at.text_input(key="catatan_baru_figure").input(figure)
    at.text_input(key="catatan_baru_source").input(source)
    at.button(key="catatan_baru_send").click().run()


def test_add_a_note_routed_to_its_producer_rate_limited_and_inert(app: AppFactory, notes_url: str) -> None:
    at = app("pages/catatan.py", ind="ipm", wilayah="1275010", tahun="2020")
    assert [t.value for t in at.title] == ["Catatan FGD Kota Medan"]
    assert "Catatan untuk: IPM · Medan Tuntungan · 2020" in [c.value for c in at.caption]
    at.radio(key="catatan_baru_kind").set_value("data_kurang")
    _send(at, HOSTILE, figure="2.435.252", source="BPS, Kota Medan Dalam Angka 2024, tabel 3.1")
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Catatan #1 tersimpan dan diteruskan ke BPS (akun OPD: bps) serta walidata."
    ]
    [note] = store.open_store(notes_url).notes()
    assert (note.indicator, note.kode, note.tahun, note.kind) == ("ipm", "1275010", 2020, "data_kurang")
    assert (note.producer, note.opds, note.corrected_value) == ("BPS", ("bps",), 2435252.0)
    assert note.body == validate.clean_text(HOSTILE) and "\u202e" not in note.body
    assert at.text_area(key="catatan_baru_body").value == ""  # cleared for the next note
    assert at.text_input(key="catatan_baru_author").value == "Ani Siregar"  # the name stays
    table = at.dataframe[0].value
    assert table["Catatan"].tolist() == [note.body] and table["Wilayah"].tolist() == ["Medan Tuntungan"]
    assert table["Angka koreksi"].tolist() == ["2.435.252,00"]
    # the detail is plain text: the markdown link and the script are never markdown or HTML
    assert note.body in [t.value for t in at.text]
    rendered = " ".join(str(m.value) for m in [*at.markdown, *at.caption, *at.success])
    assert "javascript" not in rendered and "<script>" not in rendered
    for i in range(4):
        _send(at, f"catatan ke-{i + 2}")
    assert len(store.open_store(notes_url).notes()) == 5
    _send(at, "keenam, terlalu cepat")
    assert [e.value for e in at.error] and "Terlalu banyak catatan" in at.error[0].value
    assert at.text_area(key="catatan_baru_body").value == "keenam, terlalu cepat"  # nothing lost
    assert len(store.open_store(notes_url).notes()) == 5


def test_odd_links_fall_back_and_english_works(app: AppFactory, notes_url: str) -> None:
    at = app("pages/catatan.py", ind="nope", wilayah="9999", tahun="99999", sesi="x", lang="English")
    assert [t.value for t in at.title] == ["FGD notes, Kota Pangkal Pinang"]
    assert at.number_input(key="catatan_tahun").value == dt.date.today().year + 1  # clamped
    assert at.button(key="catatan_baru_send").label == "Send note"
    # no meeting chosen reads in the page's language, not Streamlit's "Choose an option"
    assert at.selectbox(key="catatan_sesi").placeholder == "(outside an FGD meeting)"
    assert [i.captions for i in at.get("image")] == [["Scan to write a note"]]
    _send(at, "A note in English")
    assert at.success[0].value.startswith("Note #1 saved and sent to")


def test_bad_input_is_refused_with_a_clear_message(app: AppFactory, notes_url: str) -> None:
    at = app("pages/catatan.py", ind="ipm", wilayah="1275", tahun="2021")
    _send(at, "IPM salah", figure="78.57", source="BPS")
    assert "Angka koreksi \u201c78\\.57\u201d tidak jelas" in at.error[0].value  # echoed, markdown-escaped
    _send(at, "IPM salah", figure="", source="", author=" ")
    assert at.error[0].value == "Nama atau unit wajib diisi."
    assert store.open_store(notes_url).notes() == []


def _walidata() -> auth.Session:
    return auth.Session("ani", "walidata", None, None)


def _login(at, user: str) -> None:  # type: ignore[no-untyped-def]
    at.text_input(key="catatan_user").input(user)
    at.text_input(key="catatan_password").input(PASSWORD)
    at.button(key="FormSubmitter:catatan_login-Masuk").click().run()


def test_resolve_only_by_walidata_or_the_producer(app: AppFactory, notes_url: str) -> None:
    s = store.open_store(notes_url)
    d = dict(indicator="ipm", kode="1275", tahun=2021, kind="angka_diragukan", author="Ani")
    plain = s.add(validate.draft(**d, body="IPM 2021 janggal"), Routing("BPS", ("bps",)))  # type: ignore[arg-type]
    fixed = s.add(
        validate.draft(**d, body="Angka resmi 76,12", figure="76,12", source="BPS Sumut"),  # type: ignore[arg-type]
        Routing("BPS", ("bps",)),
    )
    at = app("pages/catatan.py", wilayah="1275")
    _login(at, "citra")  # dinkes: not the producer of ipm
    assert not at.exception
    assert "Tidak ada catatan terbuka yang boleh diubah akun ini." in [i.value for i in at.info]
    at.button(key="catatan_logout").click().run()
    _login(at, "budi")
    assert at.selectbox(key="catatan_pilih").options == [
        f"#{fixed} · baru · IPM · Kota Medan · 2021",
        f"#{plain} · baru · IPM · Kota Medan · 2021",
    ]
    at.selectbox(key="catatan_pilih").set_value(plain).run()
    at.radio(key="catatan_status_baru").set_value("ditolak")
    at.button(key="catatan_status_simpan").click().run()
    assert at.error[0].value == "Alasan penolakan wajib diisi."
    at.radio(key="catatan_status_baru").set_value("ditolak")
    at.text_area(key="catatan_alasan").input("Sudah sesuai publikasi BPS 2022.")
    at.button(key="catatan_status_simpan").click().run()
    assert [x.value for x in at.toast] == [f"Catatan #{plain} sekarang ditolak."]
    assert at.text_area(key="catatan_alasan").value == ""
    at.selectbox(key="catatan_pilih").set_value(fixed).run()
    at.radio(key="catatan_status_baru").set_value("diverifikasi")
    at.button(key="catatan_status_simpan").click().run()
    assert at.radio(key="catatan_status_baru").options == ["diperbaiki", "ditolak"]
    at.radio(key="catatan_status_baru").set_value("diperbaiki")
    at.button(key="catatan_status_simpan").click().run()
    assert "sebutkan batch impor" in at.error[0].value  # a corrected figure needs its import
    log = [(c.note_id, c.actor, c.role, c.opd, c.old_status, c.new_status, c.reason) for c in s.changes()]
    assert log[2:] == [
        (plain, "budi", "produsen", "bps", "baru", "ditolak", "Sudah sesuai publikasi BPS 2022."),
        (fixed, "budi", "produsen", "bps", "baru", "diverifikasi", ""),
    ]
    assert s.note(fixed).status == "diverifikasi"
    listed = at.dataframe[0].value
    assert listed.set_index("No.")["Status"].to_dict() == {fixed: "diverifikasi", plain: "ditolak"}
    # fixed by an import: the note links to its batch (the built warehouse has none, so only the number)
    s.change_status(fixed, "diverifikasi", "diperbaiki", _walidata(), batch_id=7)
    ui_notes._city_notes.clear()  # another session's change shows within 2 s; here at once
    at.selectbox(key="catatan_lihat").set_value(fixed).run()
    assert "Diperbaiki oleh impor batch #7" in [c.value for c in at.caption]
    assert at.dataframe[0].value.set_index("No.")["Batch impor perbaikan"][fixed] == "batch #7"


def test_room_view_ringkasan_badge_and_kualitas_list(app: AppFactory, notes_url: str) -> None:
    s = store.open_store(notes_url)
    d = dict(kode="1275", tahun=2024, kind="angka_diragukan", author="Ani <b>", unit="Bappeda")
    s.add(validate.draft(indicator="tpt", body=HOSTILE, **d), Routing("BPS", ("bps",)))  # type: ignore[arg-type]
    at = app("pages/catatan.py", wilayah="1275", tampilan="ruang")
    html = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html and "<script>" not in html
    assert "Ani &lt;b&gt;" in html and 'data-status="baru"' in html
    at = app("pages/ringkasan.py", kota="Kota Medan")
    badges = [str(m.value) for m in at.markdown if "catatan terbuka" in str(m.value)]
    assert len(badges) == 1 and "1 catatan terbuka · 1 baru" in badges[0]
    at = app("pages/kualitas.py", kota="Kota Medan", tab="produsen")  # the producers' tab
    assert not at.exception
    assert [e.label for e in at.expander if "Catatan FGD" in e.label] == [
        "Catatan FGD per produsen/OPD (1 terbuka)"
    ]
    frames = [f.value for f in at.dataframe if "Akun OPD" in f.value.columns]
    assert [f.to_dict("records") for f in frames] == [[
        {"Produsen": "BPS", "Akun OPD": "bps", "Terbuka": 1, "Baru": 1, "Diverifikasi": 0, "Diperbaiki": 0,
         "Ditolak": 0, "Umur catatan terbuka tertua (hari)": 0}
    ]]  # fmt: skip
