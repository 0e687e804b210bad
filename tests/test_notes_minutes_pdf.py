"""The FGD minutes as PDF (issue 18): built from real notes in a temporary store and read back with
pypdf. Every note, its pin, status, reasons and the decisions are in the text; hostile text stays
literal (no markup, no link, no script); characters the font lacks show as their code; nothing is
lost for 200 notes or a note longer than a page."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from dalamangka.auth import Session
from dalamangka.notes import minutes_pdf, store, validate
from dalamangka.notes.model import Draft, Routing
from tests.conftest import AppFactory

WALIDATA = Session("ani", "walidata", None, None)
BPS = Session("budi", "produsen", "bps", frozenset({"ipm"}))
TODAY = dt.date(2026, 11, 28)
HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="alert(1)"> <b>tebal</b> &amp; &lt; '
    '<a href="javascript:alert(1)">klik</a> [klik](javascript:alert(1)) **tebal** \u202eTXT.EXE\u202c '
    "<para><font color=red>merah</font></para> \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \x00\x07\x1b[31m"
)
FOOTER = re.compile(r"^Kota Dalam Angka · (Notulen FGD|FGD minutes) .* · (halaman|page) \d+$")


def _draft(session_id: int, **kw: object) -> Draft:
    base: dict[str, object] = dict(
        indicator="ipm", kode="1275", tahun=2021, kind="angka_diragukan",
        body="IPM 2021 tampak terlalu tinggi.", author="Ani Siregar", unit="Bappeda", session_id=session_id,
    )  # fmt: skip
    base.update(kw)
    return validate.draft(**base, today=TODAY)  # type: ignore[arg-type]


class Clock:
    """Minutes on 28 November 2026 (UTC), one per write."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


def _store(tmp_path: Path) -> store.SqliteStore:
    s = store.open_store(f"sqlite:///{tmp_path / 'notes.sqlite'}", Clock())
    assert isinstance(s, store.SqliteStore)
    return s


def _pdf(s: store.SqliteStore, sid: int, lang: str = "id") -> bytes:
    fgd = next(f for f in s.sessions() if f.session_id == sid)
    return minutes_pdf.build(
        fgd, s.notes(session_id=sid), s.changes(session_id=sid), s.decisions(sid), lang, today=TODAY,
        region_names={"1275": "Kota Medan", "1275010": "Medan Tuntungan"},
        indicator_names={"ipm": "Indeks Pembangunan Manusia", "tpt": "Tingkat Pengangguran Terbuka"},
        decimals={"ipm": 2},
    )  # fmt: skip


def _text(data: bytes) -> str:
    """The PDF's text, page footers dropped, lines joined by newlines."""
    lines = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines += [line for line in page.extract_text().splitlines() if not FOOTER.match(line.strip())]
    return "\n".join(lines)


def _flat(text: str) -> str:
    """Without any whitespace: wrapped lines (and long words split at the margin) compare equal."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> tuple[store.SqliteStore, int, list[int]]:
    s = _store(tmp_path_factory.mktemp("minutes_pdf"))
    place = "Aula Bappeda Kota Medan, Jl. Kapten Maraden Panggabean"
    sid = s.add_session(TODAY, place, "FGD IPM & TPT", "1275", WALIDATA)
    a = s.add(
        _draft(sid, body=HOSTILE, figure="78,57", source='BPS <a href="x">tabel</a>'),
        Routing("BPS", ("bps",)),
    )
    b = s.add(_draft(sid, indicator="tpt", kode="1275010", tahun=2023, kind="data_kurang",
                     body="TPT kecamatan 2023 tidak ada; mohon dilengkapi.", author="Budi", unit="Disnaker"),
              Routing("Dinas Tenaga Kerja", ("disnaker",)))  # fmt: skip
    c = s.add(_draft(sid, kind="definisi", body="Definisi IPM metode baru perlu dijelaskan.", unit=""),
              Routing("BPS", ("bps",)))  # fmt: skip
    s.add(_draft(None), Routing("BPS", ("bps",)))  # type: ignore[arg-type]  # outside the meeting
    s.change_status(a, "baru", "diverifikasi", BPS)
    s.change_status(a, "diverifikasi", "ditolak", WALIDATA, reason="Angka resmi BPS <b>tetap</b> & dipakai.")
    s.change_status(c, "baru", "diverifikasi", WALIDATA)
    s.add_decision(sid, "BPS mengirim tabel resmi IPM 2021 sebelum 5 Desember.", WALIDATA)
    s.add_decision(sid, "Disnaker melengkapi TPT per kecamatan <i>2023</i>.", WALIDATA)
    return s, sid, [a, b, c]


def test_minutes_pdf_has_the_meeting_every_note_its_pin_status_reasons_and_decisions(
    meeting: tuple[store.SqliteStore, int, list[int]],
) -> None:
    s, sid, (a, b, c) = meeting
    data = _pdf(s, sid)
    assert data.startswith(b"%PDF-")
    text = _text(data)
    flat = _flat(text)
    lines = text.splitlines()
    assert lines[0] == "Notulen FGD: FGD IPM & TPT"
    assert {"Tanggal: 28 November 2026", "Wilayah: Kota Medan", "Jumlah catatan: 3"} <= set(lines)
    assert _flat("Tempat: Aula Bappeda Kota Medan, Jl. Kapten Maraden Panggabean") in flat
    assert _flat("Penulis catatan (nama/unit): Ani Siregar (Bappeda); Budi (Disnaker); Ani Siregar") in flat
    # grouped by producer: BPS first (notes a, c), then Dinas Tenaga Kerja (note b)
    heads = [line for line in lines if line.startswith("Catatan #")]
    assert heads == [
        f"Catatan #{a} · angka diragukan · status: ditolak",
        f"Catatan #{c} · definisi · status: diverifikasi",
        f"Catatan #{b} · data kurang · status: baru",
    ]
    assert text.index("BPS — akun: bps, walidata (2 catatan)") < text.index(heads[0])
    assert text.index(heads[1]) < text.index("Dinas Tenaga Kerja — akun: disnaker, walidata (1 catatan)")
    assert text.index("Dinas Tenaga Kerja — akun: disnaker, walidata (1 catatan)") < text.index(heads[2])
    for pin in ("Angka: Indeks Pembangunan Manusia × Kota Medan × 2021",
                "Angka: Tingkat Pengangguran Terbuka × Medan Tuntungan × 2023"):  # fmt: skip
        assert _flat(pin) in flat
    for note in s.notes(session_id=sid):
        assert _flat(minutes_pdf.printable(note.body)) in flat
    assert "TPT kecamatan 2023 tidak ada; mohon dilengkapi." in text
    assert _flat('Angka koreksi: 78,57 · sumber: BPS <a href="x">tabel</a>') in flat
    assert (
        _flat("ani (walidata): diverifikasi menjadi ditolak. Alasan: Angka resmi BPS <b>tetap</b> & dipakai.")
        in flat
    )
    assert _flat("28-11-2026 09:07 UTC · budi (produsen, bps): baru menjadi diverifikasi") in flat
    assert _flat("Oleh Budi (Disnaker) · ditulis 28-11-2026 09:04 UTC") in flat
    assert "1. BPS mengirim tabel resmi IPM 2021 sebelum 5 Desember." in lines
    assert "2. Disnaker melengkapi TPT per kecamatan <i>2023</i>." in lines
    assert "IPM 2021 tampak terlalu tinggi." not in text  # the note outside the meeting
    summary = " ".join(
        text[text.index("Rekap per produsen/OPD") : text.index("Catatan per produsen/OPD")].split()
    )
    # producer, accounts, open, new, verified, fixed, rejected, oldest open note (days)
    assert "BPS bps 1 0 1 0 1 0" in summary and "Dinas Tenaga Kerja disnaker 1 1 0 0 0 0" in summary
    assert (
        "Kota Dalam Angka · Notulen FGD 28 November 2026 · halaman 1"
        in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    )
    en = _text(_pdf(s, sid, "en"))
    assert (
        en.splitlines()[0] == "FGD minutes: FGD IPM & TPT" and f"Note #{b} · missing data · status: new" in en
    )


def test_hostile_text_stays_literal_and_inert(meeting: tuple[store.SqliteStore, int, list[int]]) -> None:
    s, sid, (a, _b, _c) = meeting
    data = _pdf(s, sid)
    flat = _flat(_text(data))
    body = s.note(a).body
    assert "\u202e" not in body and "\x00" not in body  # the store cleaned the controls and bidi overrides
    for literal in ("<script>window.__pwned=1</script>", '<img src=x onerror="alert(1)">', "<b>tebal</b>",
                    "&amp; &lt;", '<a href="javascript:alert(1)">klik</a>', "[klik](javascript:alert(1))",
                    "**tebal**", "<para><font color=red>merah</font></para>", "TXT.EXE", "[31m"):  # fmt: skip
        assert _flat(literal) in flat, literal
    # Arabic is not in the font: each letter as its code, in the typed (logical) order
    assert "[U+0627][U+0644][U+0639][U+0631][U+0628][U+064A][U+0629]" in flat
    # no link, action or script object was made from the text
    for token in (b"/URI", b"/JavaScript", b"/JS", b"/Launch", b"/Annots"):
        assert token not in data, token


def test_two_hundred_notes_and_a_note_longer_than_a_page_lose_nothing(tmp_path: Path) -> None:
    s = _store(tmp_path)
    sid = s.add_session(TODAY, "Ruang rapat", "FGD besar", "1275", WALIDATA)
    producers = [Routing("BPS", ("bps",)), Routing("Dinas Kesehatan", ("dinkes",)), Routing("Bappeda", ())]
    for i in range(200):
        body = (
            f"catatan-{i:03d}-mulai "
            + " ".join(f"kata{i:03d}x{j}" for j in range(i % 40))
            + f" akhir-{i:03d}"
        )
        s.add(_draft(sid, body=body, author=f"Peserta {i % 17}", tahun=2000 + i % 25), producers[i % 3])
    long_word = "A" * 1990 + "-akhir"  # one word wider than the page: wrapped, not cut
    s.add(_draft(sid, body=long_word), producers[0])
    tall = "\n".join(f"baris {k:03d}" for k in range(180))  # taller than one page
    s.add(_draft(sid, body=tall), producers[1])
    data = _pdf(s, sid)
    text = _text(data)
    flat = _flat(text)
    assert len(PdfReader(io.BytesIO(data)).pages) > 10
    assert "Jumlah catatan: 202" in text
    for i in range(200):
        start, end = flat.find(f"catatan-{i:03d}-mulai"), flat.find(f"akhir-{i:03d}")
        assert flat.count(f"catatan-{i:03d}-mulai") == 1 and 0 < start < end, i
        assert flat[start:end] == _flat(
            f"catatan-{i:03d}-mulai " + " ".join(f"kata{i:03d}x{j}" for j in range(i % 40)) + " "
        )
    assert long_word in flat
    assert "\n".join(f"baris {k:03d}" for k in range(180)) in text
    assert len(re.findall(r"^Catatan #\d+ · ", text, flags=re.M)) == 202


def _decode(shown: str) -> str:
    return re.sub(r"\[U\+([0-9A-F]{4,6})\]", lambda m: chr(int(m.group(1), 16)), shown)


@given(st.text(max_size=200).filter(lambda t: "[U+" not in t))
@settings(max_examples=300, deadline=None)
def test_printable_keeps_every_character_visible_or_as_its_code(text: str) -> None:
    shown = minutes_pdf.printable(text)
    covered = minutes_pdf._covered()
    assert all(ch == "\n" or ord(ch) in covered for ch in shown)
    expected = "".join(" " if ch == "\t" or unicodedata.category(ch) == "Zs" else ch for ch in text)
    assert _decode(shown) == expected
    source = minutes_pdf.inert(text).replace("<br/>", "\n")
    assert not re.search(r"[<>]|&(?!amp;|lt;|gt;)", source)  # no tag, no entity but the three escapes


def test_the_page_offers_the_minutes_as_xlsx_and_pdf(
    app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'notes.sqlite'}"
    monkeypatch.setenv("DALAMANGKA_NOTES_URL", url)
    s = store.open_store(url)
    sid = s.add_session(TODAY, "Aula", "FGD *IPM* [x](y)", "1275", WALIDATA)
    s.add(_draft(sid), Routing("BPS", ("bps",)))
    at = app("pages/catatan.py", wilayah="1275", sesi=str(sid))
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        r"Notulen FGD: FGD \*IPM\* \[x\]\(y\) (XLSX)",
        r"Notulen FGD: FGD \*IPM\* \[x\]\(y\) (PDF)",
    ]
