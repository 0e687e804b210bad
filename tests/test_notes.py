"""FGD notes (issue 18), pure parts: cleaning and checking user text, the corrected figure, the
rate limit, routing, the SQLite store (statuses, log, migrations), markers and the minutes."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import unicodedata
from pathlib import Path

import openpyxl
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dalamangka import fmt, sql, vegamap
from dalamangka.auth import Session
from dalamangka.notes import markers, minutes, routing, store, validate
from dalamangka.notes.model import MAX_BODY, Draft, NoteError, Routing

WALIDATA = Session("ani", "walidata", None, None)
BPS = Session("budi", "produsen", "bps", frozenset({"ipm", "tpt"}))
DINKES = Session("citra", "produsen", "dinkes", frozenset({"sanitasi_layak"}))
ROUTE = Routing("BPS", ("bps",))
HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> '
    "[klik](javascript:alert(1)) **tebal** \u202eTXT.EXE\u202c "
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \x00\x07\x1b[31m"
)


class Clock:
    """A clock the test moves by hand (UTC)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def notes(tmp_path: Path, clock: Clock) -> store.SqliteStore:
    s = store.open_store(f"sqlite:///{tmp_path / 'notes.sqlite'}", clock)
    assert isinstance(s, store.SqliteStore)
    return s


def draft(**kw: object) -> Draft:
    base: dict[str, object] = dict(
        indicator="ipm", kode="1275", tahun=2021, kind="angka_diragukan",
        body="IPM 2021 tampak terlalu tinggi.", author="Ani", unit="Bappeda",
    )  # fmt: skip
    base.update(kw)
    return validate.draft(**base, today=dt.date(2026, 11, 27))  # type: ignore[arg-type]


# --- text ---------------------------------------------------------------------------------------


def test_clean_text_removes_controls_and_bidi_overrides_but_keeps_text() -> None:
    cleaned = validate.clean_text(HOSTILE)
    assert (
        "\u202e" not in cleaned
        and "\u202c" not in cleaned
        and "\x00" not in cleaned
        and "\x1b" not in cleaned
    )
    assert "<script>window.__pwned=1</script>" in cleaned  # stored as typed: it is data, shown inert
    assert (
        "[klik](javascript:alert(1))" in cleaned and "\u0627\u0644\u0639\u0631\u0628\u064a\u0629" in cleaned
    )
    assert cleaned.endswith("[31m")
    assert validate.clean_text(
        "  a\r\nb\rc\u2028d\n\n\n\n\ne\u200b\u2066f\tg  "
    ) == "a\nb\nc\nd\n\ne\u2066f\tg".replace("\u2066", "")


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_clean_text_leaves_no_control_or_format_character(text: str) -> None:
    cleaned = validate.clean_text(text)
    for ch in cleaned:
        cat = unicodedata.category(ch)
        assert cat not in ("Cc", "Cs", "Zl", "Zp") or ch in "\n\t"
        assert cat != "Cf" or ch in "\u200c\u200d"
    assert validate.clean_text(cleaned) == cleaned  # idempotent
    cleaned.encode("utf-8")  # no lone surrogate: SQLite and openpyxl can store it


def test_text_over_the_limit_is_refused_whole_with_its_length() -> None:
    with pytest.raises(NoteError) as e:
        draft(body="x" * 100_000)
    assert e.value.key == "too_long"
    assert "100000 karakter, paling banyak 2000" in e.value.message("id")
    assert "Isi catatan" in e.value.message("id") and "The note is too long" in e.value.message("en")
    assert draft(body="x" * MAX_BODY).body == "x" * MAX_BODY
    with pytest.raises(NoteError, match="wajib"):
        draft(body=" \u202e\x00 ")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("2.435.252", 2435252.0),
        ("78,57", 78.57),
        ("1234", 1234.0),
        ("-0,5", -0.5),
        (" 1.000,25 ", 1000.25),
        ("", None),
    ],
)
def test_parse_figure_the_indonesian_way(typed: str, value: float | None) -> None:
    assert validate.parse_figure(typed) == value


@pytest.mark.parametrize("typed", ["78.57", "1,234.5", "1.23", "12,3,4", "abc", "1e5", "nan", "1.2345"])
def test_parse_figure_refuses_ambiguous_numbers(typed: str) -> None:
    with pytest.raises(NoteError, match="tidak jelas"):
        validate.parse_figure(typed)


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=4))
def test_parse_figure_reads_what_fmt_writes(units: int, decimals: int) -> None:
    value = units / 10**decimals
    assert validate.parse_figure(fmt.number(value, decimals, "id")) == pytest.approx(value)


def test_draft_checks_pin_kind_and_corrected_figure() -> None:
    d = draft(figure="78,57", source="BPS, Kota Medan Dalam Angka 2024, tabel 4.1")
    assert (d.corrected_value, d.corrected_source) == (78.57, "BPS, Kota Medan Dalam Angka 2024, tabel 4.1")
    for kw, key in [
        ({"kode": "12x5"}, "bad_region"),
        ({"kode": "1276"}, "bad_region"),
        ({"indicator": "IPM; drop"}, "bad_indicator"),
        ({"tahun": 2099}, "bad_year"),
        ({"kind": "lainnya"}, "bad_kind"),
        ({"figure": "78,57"}, "source_needed"),
        ({"source": "BPS"}, "source_without_figure"),
        ({"author": " "}, "empty"),
    ]:
        with pytest.raises(NoteError) as e:
            validate.draft(
                **{
                    **dict(indicator="ipm", kode="1275", tahun=2021, kind="usulan", body="b", author="A"),
                    **kw,
                },  # type: ignore[arg-type]
                regions=frozenset({"1275", "1275010"}),
                today=dt.date(2026, 11, 27),
            )
        assert e.value.key == key, kw
    assert draft(author="Ani\n\tSiregar").author == "Ani Siregar"


def test_rate_limit_per_session() -> None:
    limit = validate.RateLimit(limit=5, window=60)
    for t in range(5):
        limit.check(100.0 + t)
        limit.record(100.0 + t)
    with pytest.raises(NoteError) as e:
        limit.check(110.0)
    assert e.value.key == "rate" and e.value.fields["seconds"] == 50
    limit.check(160.5)  # the first one left the window


# --- routing --------------------------------------------------------------------------------------


def test_routing_goes_to_the_metadata_producer_and_its_opd_accounts(tmp_path: Path) -> None:
    users = tmp_path / "users.toml"
    users.write_text('[opd.bps]\nindikator = ["ipm", "tpt"]\n[opd.bappeda]\nindikator = ["ipm"]\n')
    opds = routing.opd_indicators(users)
    assert routing.route("ipm", {"ipm": "BPS"}, opds) == Routing("BPS", ("bappeda", "bps"))
    assert routing.route(
        "luas_wilayah_big", {"luas_wilayah_big": "Badan Informasi Geospasial"}, opds
    ) == Routing("Badan Informasi Geospasial", ())
    assert routing.route("baru", {}, {}).producer == routing.UNKNOWN_PRODUCER
    assert routing.opd_indicators(tmp_path / "none.toml") == {}
    assert routing.may_change(WALIDATA, "anything")
    assert routing.may_change(BPS, "ipm") and not routing.may_change(BPS, "sanitasi_layak")
    assert not routing.may_change(Session("x", "tamu", None, None), "ipm")


# --- store ----------------------------------------------------------------------------------------


def test_store_is_wal_with_a_versioned_schema(tmp_path: Path, notes: store.SqliteStore) -> None:
    assert notes.journal_mode() == "wal"
    assert notes.schema_version() == store.SCHEMA_VERSION == 1
    again = store.SqliteStore(notes.path)  # reopening applies nothing twice
    assert again.schema_version() == 1
    with sqlite3.connect(notes.path) as con:
        assert con.execute("select count(*) from schema_migrations").fetchone() == (1,)
        con.execute("insert into schema_migrations values (2, 'x')")
    with pytest.raises(NoteError, match="skema versi 2"):
        store.SqliteStore(notes.path)


def test_store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DALAMANGKA_NOTES_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert store.default_url().endswith("x.sqlite")
    assert isinstance(store.open_store(), store.SqliteStore)
    with pytest.raises(NoteError) as e:
        store.open_store("postgresql://walidata:rahasia@db.local/notes")
    assert "rahasia" not in str(e.value) and "db.local/notes" in str(e.value)
    monkeypatch.delenv("DALAMANGKA_NOTES_URL")
    assert store.default_url().endswith("data/notes.sqlite")


def test_add_routes_logs_and_is_idempotent_per_token(notes: store.SqliteStore) -> None:
    d = draft(body=HOSTILE, token="abc")
    first = notes.add(d, ROUTE)
    assert notes.add(d, ROUTE) == first  # the same form sent twice
    [note] = notes.notes()
    assert (note.producer, note.opds, note.status, note.body) == (
        "BPS",
        ("bps",),
        "baru",
        validate.clean_text(HOSTILE),
    )
    [created] = notes.changes(note_id=first)
    assert (created.actor, created.role, created.opd, created.old_status, created.new_status) == (
        "Ani", "peserta", "Bappeda", "", "baru"
    )  # fmt: skip
    assert (
        created.changed_at == note.created_at == dt.datetime(2026, 11, 20, 9, 2, tzinfo=dt.UTC)
    )  # 9:01 = the migration


def test_status_flow_permissions_reasons_and_fixing_batch(notes: store.SqliteStore) -> None:
    plain = notes.add(draft(), ROUTE)
    fixed = notes.add(draft(figure="78,57", source="BPS Medan DA 2024"), ROUTE)
    other = notes.add(draft(indicator="sanitasi_layak"), Routing("BPS", ("dinkes",)))
    with pytest.raises(NoteError, match="tidak boleh"):
        notes.change_status(other, "baru", "diverifikasi", BPS)
    with pytest.raises(NoteError, match="dari baru ke diperbaiki"):
        notes.change_status(plain, "baru", "diperbaiki", WALIDATA)
    with pytest.raises(NoteError, match="Alasan penolakan"):
        notes.change_status(plain, "baru", "ditolak", WALIDATA, reason=" \u202e ")
    assert notes.change_status(other, "baru", "diverifikasi", DINKES).status == "diverifikasi"
    assert (
        notes.change_status(plain, "baru", "ditolak", BPS, reason="Duplikat catatan #2").reason
        == "Duplikat catatan #2"
    )
    with pytest.raises(NoteError, match="dari ditolak ke diverifikasi"):
        notes.change_status(plain, "ditolak", "diverifikasi", WALIDATA)
    notes.change_status(fixed, "baru", "diverifikasi", BPS)
    with pytest.raises(NoteError, match="sebutkan batch impor"):
        notes.change_status(fixed, "diverifikasi", "diperbaiki", BPS)
    with pytest.raises(NoteError, match="Batch impor 9 tidak ada"):
        notes.change_status(fixed, "diverifikasi", "diperbaiki", BPS, batch_id=9, batches=frozenset({1, 2}))
    done = notes.change_status(
        fixed, "diverifikasi", "diperbaiki", WALIDATA, batch_id=2, batches=frozenset({1, 2})
    )
    assert (done.status, done.batch_id) == ("diperbaiki", 2)
    log = [
        (c.note_id, c.actor, c.role, c.opd, c.old_status, c.new_status, c.batch_id) for c in notes.changes()
    ]
    assert log == [
        (plain, "Ani", "peserta", "Bappeda", "", "baru", None),
        (fixed, "Ani", "peserta", "Bappeda", "", "baru", None),
        (other, "Ani", "peserta", "Bappeda", "", "baru", None),
        (other, "citra", "produsen", "dinkes", "baru", "diverifikasi", None),
        (plain, "budi", "produsen", "bps", "baru", "ditolak", None),
        (fixed, "budi", "produsen", "bps", "baru", "diverifikasi", None),
        (fixed, "ani", "walidata", "", "diverifikasi", "diperbaiki", 2),
    ]
    times = [c.changed_at for c in notes.changes()]
    assert times == sorted(times) and len(set(times)) == len(times)


def test_a_stale_status_is_a_conflict_not_an_overwrite(notes: store.SqliteStore) -> None:
    n = notes.add(draft(), ROUTE)
    notes.change_status(n, "baru", "diverifikasi", WALIDATA)
    with pytest.raises(NoteError) as e:
        notes.change_status(n, "baru", "ditolak", BPS, reason="x")  # BPS still saw "baru"
    assert e.value.key == "conflict" and "sekarang diverifikasi" in e.value.message()
    assert notes.note(n).status == "diverifikasi" and len(notes.changes(note_id=n)) == 2
    with pytest.raises(NoteError, match="tidak ada"):
        notes.note(999)


def test_sessions_decisions_and_filters(notes: store.SqliteStore) -> None:
    with pytest.raises(NoteError, match="tidak boleh"):
        notes.add_session(dt.date(2026, 11, 27), "Aula", "FGD", "1275", BPS)
    sid = notes.add_session(dt.date(2026, 11, 27), "Aula Bappeda\nlt. 2", "FGD data sosial", "1275", WALIDATA)
    [fgd] = notes.sessions()
    assert (fgd.session_id, fgd.held_on) == (sid, dt.date(2026, 11, 27))
    assert (fgd.place, fgd.title) == ("Aula Bappeda lt. 2", "FGD data sosial")
    a = notes.add(draft(session_id=sid), ROUTE)
    b = notes.add(draft(kode="1275010", indicator="tpt"), ROUTE)
    notes.add(draft(kode="1671"), ROUTE)
    assert [n.note_id for n in notes.notes(session_id=sid)] == [a]
    assert [n.note_id for n in notes.notes(kota="1275")] == [b, a]
    assert [n.note_id for n in notes.notes(indicator="tpt")] == [b]
    notes.add_decision(sid, "Disdukcapil mengirim data kecamatan 2024 sebelum 15 Desember.", WALIDATA)
    with pytest.raises(NoteError):
        notes.add_decision(sid, "x", BPS)
    assert [d.text for d in notes.decisions(sid)] == [
        "Disdukcapil mengirim data kecamatan 2024 sebelum 15 Desember."
    ]
    assert notes.check() == []


NOTES_QUERIES = (
    "notes/begin",
    "notes/commit",
    "notes/create_schema_migrations",
    "notes/fgd_decisions",
    "notes/fgd_sessions",
    "notes/insert_change",
    "notes/insert_decision",
    "notes/insert_migration",
    "notes/insert_note",
    "notes/insert_session",
    "notes/integrity_check",
    "notes/m01_create_fgd_decisions",
    "notes/m01_create_fgd_sessions",
    "notes/m01_create_note_changes",
    "notes/m01_create_notes",
    "notes/m01_index_notes_pin",
    "notes/note_changes",
    "notes/note_id_by_token",
    "notes/notes",
    "notes/pragma_foreign_keys",
    "notes/pragma_synchronous",
    "notes/pragma_wal",
    "notes/rollback",
    "notes/schema_version",
    "notes/update_status",
)


def test_every_notes_statement_is_run_by_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All files in queries/notes/ are used (a trace of the statements SQLite ran)."""
    ran: list[str] = []
    real = sqlite3.connect

    def connect(*a: object, **kw: object) -> sqlite3.Connection:
        con = real(*a, **kw)  # type: ignore[arg-type]
        con.set_trace_callback(ran.append)
        return con

    monkeypatch.setattr(store.sqlite3, "connect", connect)
    s = store.SqliteStore(tmp_path / "n.sqlite")
    s.journal_mode()
    sid = s.add_session(dt.date(2026, 1, 2), "Aula", "FGD", "1275", WALIDATA)
    n = s.add(draft(session_id=sid), ROUTE)
    s.change_status(n, "baru", "diverifikasi", WALIDATA)
    with pytest.raises(NoteError):
        s.change_status(n, "baru", "diverifikasi", WALIDATA)  # rolled back
    s.add_decision(sid, "d", WALIDATA)
    s.sessions(), s.decisions(sid), s.changes(session_id=sid), s.check()
    names = [q for q in sql.query_names() if q.startswith("notes/")]
    assert tuple(names) == NOTES_QUERIES
    texts = {q: " ".join(sql.load(q).text.split("\n")[-1].split()) for q in names}
    executed = " | ".join(" ".join(r.split()) for r in ran)
    missing = [q for q, last_line in texts.items() if last_line not in executed]
    assert not missing, missing


# --- markers and minutes ----------------------------------------------------------------------------


def test_markers(notes: store.SqliteStore) -> None:
    a = notes.add(draft(), ROUTE)
    notes.add(draft(tahun=2020), ROUTE)
    c = notes.add(draft(kode="1275010", tahun=2020), ROUTE)
    notes.change_status(a, "baru", "diverifikasi", WALIDATA)
    closed = notes.add(draft(indicator="tpt"), ROUTE)
    notes.change_status(closed, "baru", "ditolak", WALIDATA, reason="bukan angka kota")
    all_notes = notes.notes()
    badge = markers.card_badge(all_notes, "ipm", "1275")
    assert badge == markers.Badge("2 catatan terbuka · 1 baru, 1 diverifikasi", "red", 2)
    assert markers.card_badge(all_notes, "ipm", "1275", "en").label == "2 open notes · 1 new, 1 verified"  # type: ignore[union-attr]
    assert markers.card_badge(all_notes, "tpt", "1275") is None  # only a rejected one
    notes.change_status(c, "baru", "diverifikasi", WALIDATA)
    assert markers.outlined_kodes(notes.notes(), "ipm", 2020) == ["1275", "1275010"]
    flags = markers.chart_flags(notes.notes(), "ipm", "1275")
    assert [(f["x"], f["text"]) for f in flags] == [(2020, "⚑ 1 catatan"), (2021, "⚑ 1 catatan")]
    fig = markers.annotate(go.Figure(go.Scatter(x=[2020, 2021], y=[1, 2])), flags)
    assert [a.text for a in fig.layout.annotations] == ["⚑ 1 catatan", "⚑ 1 catatan"]
    spec = {"$schema": "v5", "width": 300, "data": {"values": []}, "mark": "line",
            "encoding": {"x": {"field": "tahun", "type": "ordinal"}, "y": {"field": "nilai"}}}  # fmt: skip
    layered = markers.annotate(spec, flags)
    assert layered["width"] == 300 and layered["layer"][0]["mark"] == "line" and "width" in spec
    assert layered["layer"][1]["data"]["values"] == [{"tahun": 2020, "catatan": "⚑ 1 catatan"},
                                                      {"tahun": 2021, "catatan": "⚑ 1 catatan"}]  # fmt: skip
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": i, "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 0]}}
        for i in ("12.71.01", "12.71.02")]}  # fmt: skip
    spec = {"layer": [{"mark": {"type": "geoshape"}}]}
    outlined = vegamap.outlined(spec, collection, ["12.71.02"])  # the map's red outline of open notes
    assert [f["id"] for f in outlined["layer"][1]["data"]["values"]["features"]] == ["12.71.02"]
    assert outlined["layer"][1]["mark"]["stroke"] == "#d62728" and len(spec["layer"]) == 1  # not mutated
    assert vegamap.outlined(spec, collection, ["99"]) is spec
    assert (
        markers.note_link("http://x/", "ipm", "1275010", 2020, 3)
        == "http://x/catatan?ind=ipm&wilayah=1275010&tahun=2020&sesi=3"
    )


def test_per_opd_counts_and_ages(notes: store.SqliteStore, clock: Clock) -> None:
    a = notes.add(draft(), ROUTE)
    clock.now += dt.timedelta(days=5)
    notes.add(draft(), ROUTE)
    notes.add(draft(indicator="luas_wilayah_big"), Routing("Badan Informasi Geospasial", ()))
    notes.change_status(a, "baru", "diverifikasi", WALIDATA)
    frame = markers.per_opd(notes.notes(), dt.date(2026, 11, 30))
    assert frame.to_dict("records") == [
        {"Produsen": "BPS", "Akun OPD": "bps", "Terbuka": 2, "Baru": 1, "Diverifikasi": 1, "Diperbaiki": 0,
         "Ditolak": 0, "Umur catatan terbuka tertua (hari)": 10},
        {"Produsen": "Badan Informasi Geospasial", "Akun OPD": "—", "Terbuka": 1, "Baru": 1,
         "Diverifikasi": 0, "Diperbaiki": 0, "Ditolak": 0, "Umur catatan terbuka tertua (hari)": 5},
    ]  # fmt: skip


def test_minutes_xlsx(notes: store.SqliteStore) -> None:
    sid = notes.add_session(dt.date(2026, 11, 27), "Aula Bappeda Kota Medan", "FGD IPM", "1275", WALIDATA)
    a = notes.add(
        draft(session_id=sid, body='=HYPERLINK("http://evil","klik")', figure="78,57", source="BPS"), ROUTE
    )
    b = notes.add(draft(session_id=sid, indicator="luas_wilayah_big", kind="definisi"),
                  Routing("Badan Informasi Geospasial", ()))  # fmt: skip
    notes.add(draft(), ROUTE)  # outside the session
    notes.change_status(b, "baru", "ditolak", WALIDATA, reason="Luas resmi BIG dipakai apa adanya.")
    notes.add_decision(sid, "BPS memeriksa IPM 2021 dan mengirim tabel resmi.", WALIDATA)
    data = minutes.build(
        notes.sessions()[0], notes.notes(session_id=sid), notes.changes(session_id=sid), notes.decisions(sid),
        today=dt.date(2026, 11, 28), region_names={"1275": "Kota Medan"}, indicator_names={"ipm": "IPM"},
        decimals={"ipm": 2},
    )  # fmt: skip
    sheets = minutes.read(data)
    assert list(sheets) == ["Notulen", "Catatan per OPD", "Keputusan", "Riwayat status"]
    top = sheets["Notulen"].fillna("")
    assert top.iloc[0, 0] == "Notulen FGD: FGD IPM"
    assert top.iloc[2:6, :2].values.tolist() == [
        ["Tanggal", "27 November 2026"], ["Tempat", "Aula Bappeda Kota Medan"], ["Wilayah", "Kota Medan"],
        ["Jumlah catatan", "2"],
    ]  # fmt: skip
    assert "BPS memeriksa IPM 2021 dan mengirim tabel resmi." in top.values.ravel().tolist()
    detail = sheets["Catatan per OPD"]
    assert detail.iloc[1:, 0].tolist() == [str(b), str(a)] or detail.iloc[1:, 0].tolist() == [str(a), str(b)]
    assert detail.iloc[0].tolist()[:3] == ["No.", "Status", "Umur (hari)"]
    producers = detail.iloc[1:, 11].tolist()
    assert producers == sorted(producers)  # grouped by producer
    assert "78,57" in detail.values.ravel().tolist()
    verdicts = sheets["Keputusan"].fillna("")
    assert verdicts.iloc[1, 2:7].tolist() == [
        "baru",
        "ditolak",
        "ani",
        "walidata",
        "Luas resmi BIG dipakai apa adanya.",
    ]
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [
        c for row in book["Catatan per OPD"].iter_rows() for c in row if str(c.value).startswith("=HYPER")
    ]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula
