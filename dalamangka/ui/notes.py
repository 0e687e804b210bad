"""Streamlit glue of the FGD notes (issue 18): the note form, markers on figures, the status
desk, the room view and the minutes download. The logic is in :mod:`dalamangka.notes`.

User text is never rendered as markdown or HTML: note bodies, names and sources are shown with
``st.text``, in dataframes (plain cells), or escaped with :func:`html.escape` inside ``st.html``.
Messages that echo a typed value escape it for markdown first (:func:`md_escape`).
"""

from __future__ import annotations

import datetime as dt
import html
import time
import uuid
from collections import Counter
from typing import Any

import pandas as pd
import streamlit as st

from dalamangka import auth, deck, fmt, ui
from dalamangka.fmt import md_escape
from dalamangka.i18n import Text
from dalamangka.notes import markers, minutes, model, routing, validate
from dalamangka.notes.model import KINDS, OPEN, TRANSITIONS, Note, NoteError
from dalamangka.notes.model import TEXT as MODEL_TEXT
from dalamangka.notes.store import NoteStore, default_url, open_store

TEXT = Text(
    {
        "write": ("Catat", "Note"),
        "write_help": (
            "Tulis catatan tentang angka ini (angka diragukan, data kurang, definisi, usulan). "
            "Diteruskan ke produsen datanya dan walidata.",
            "Write a note on this figure (doubtful figure, missing data, definition, suggestion). It goes "
            "to the data's producer and the walidata.",
        ),
        "pin": ("Catatan untuk: {indicator} · {region} · {year}", "Note on: {indicator} · {region} · {year}"),
        "kind": ("Jenis catatan", "Type of note"),
        "body": ("Catatan", "Note"),
        "body_help": ("Teks biasa; paling banyak {n} karakter.", "Plain text; at most {n} characters."),
        "author": ("Nama atau unit Anda", "Your name or unit"),
        "unit": ("Unit/OPD (opsional)", "Unit/agency (optional)"),
        "figure": ("Angka koreksi (opsional)", "Corrected figure (optional)"),
        "figure_help": (
            "Cara Indonesia: 2.435.252 atau 78,57. Wajib disertai sumbernya.",
            "The Indonesian way: 2.435.252 or 78,57. Needs its source.",
        ),
        "source": ("Sumber angka koreksi", "Source of the corrected figure"),
        "send": ("Kirim catatan", "Send note"),
        "saved": (
            "Catatan #{note} tersimpan dan diteruskan ke {producer}{opds} serta walidata.",
            "Note #{note} saved and sent to {producer}{opds} and the walidata.",
        ),
        "opd_accounts": (" (akun OPD: {opds})", " (OPD accounts: {opds})"),
        "open_notes": ("Buka halaman Catatan FGD", "Open the FGD notes page"),
        "opd_title": ("Catatan FGD per produsen/OPD", "FGD notes by producer/agency"),
        "open_count": ("{n} terbuka", "{n} open"),
        "opd_caption": (
            "Catatan peserta FGD tentang angka {name}: yang masih terbuka dan umurnya. Buka halaman "
            "Catatan FGD untuk menindaklanjuti.",
            "FGD participants' notes on the figures of {name}: those still open and their age. Open the "
            "FGD notes page to follow up.",
        ),
        "no_notes": ("Belum ada catatan.", "No notes yet."),
        "login": ("Masuk untuk mengubah status (walidata atau produsen)", "Log in to change statuses"),
        "logged_in": ("Masuk sebagai {user} ({role}{opd}).", "Logged in as {user} ({role}{opd})."),
        "logout": ("Keluar", "Log out"),
        "pick_note": ("Catatan", "Note"),
        "none_yours": (
            "Tidak ada catatan terbuka yang boleh diubah akun ini.",
            "No open notes this account may change.",
        ),
        "new_status": ("Status baru", "New status"),
        "reason": ("Alasan / keterangan (wajib bila ditolak)", "Reason / remark (required to reject)"),
        "batch": ("Batch impor yang memperbaiki", "Import batch that fixed it"),
        "no_batch": ("(tanpa batch impor)", "(no import batch)"),
        "apply": ("Simpan status", "Save status"),
        "changed": ("Catatan #{note} sekarang {status}.", "Note #{note} is now {status}."),
        "history": ("Riwayat catatan #{note}", "History of note #{note}"),
        "room_title": ("Catatan dari ruangan", "Notes from the room"),
        "room_empty": (
            "Belum ada catatan. Pindai kode QR untuk menulis dari ponsel.",
            "No notes yet. Scan the QR code to write one from a phone.",
        ),
        "room_more": ("… dan {n} catatan lain", "… and {n} more notes"),
        "figure_line": (
            "Angka koreksi: {value} — sumber: {source}",
            "Corrected figure: {value} — source: {source}",
        ),
        "scan": ("Pindai untuk menulis catatan", "Scan to write a note"),
        "leave": ("Kembali ke daftar catatan", "Back to the notes list"),
        "fixed_by": ("Diperbaiki oleh impor batch #{batch}", "Fixed by import batch #{batch}"),
    }
)

ROOM_LIMIT = 12
_RATE_KEY = "_catatan_rate"
_SESSION_KEYS = ("catatan_session", "impor_session")  # a login on the Impor page counts here too


def error(e: NoteError, lang: str) -> None:
    fields = {
        k: md_escape(v) if isinstance(v, str) and not v.startswith("f_") else v for k, v in e.fields.items()
    }
    st.error(NoteError(e.key, **fields).message(lang), icon=":material/error:")


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(url: str) -> NoteStore:
    return open_store(url)


def store() -> NoteStore:
    """The notes store of this server (``DALAMANGKA_NOTES_URL``, default data/notes.sqlite)."""
    return _store(default_url())


def catalog(lang: str) -> pd.DataFrame:
    frame = ui.query("indicator_catalog")
    frame["label"] = frame["short_en" if lang == "en" else "short_id"]
    return frame.set_index("code")


def region_names(kota: str) -> dict[str, str]:
    """The city and its kecamatan (BPS code -> name)."""
    rows = ui.query("import_template_regions", kode=kota)
    return dict(zip(rows.kode, rows.nama, strict=True))


def session() -> auth.Session | None:
    for key in _SESSION_KEYS:
        value = st.session_state.get(key)
        if isinstance(value, auth.Session):
            return value
    return None


# --- the note form -------------------------------------------------------------------------------


def _save(key: str, indicator: str, kode: str, tahun: int, lang: str, session_id: int | None) -> None:
    """Form callback: check, rate-limit, store; on success clear the note text (name stays)."""
    state = st.session_state
    state.pop(f"{key}_error", None)
    limiter = state.setdefault(_RATE_KEY, validate.RateLimit())
    try:
        limiter.check(time.monotonic())
        cat = catalog(lang)
        draft = validate.draft(
            indicator=indicator,
            kode=kode,
            tahun=tahun,
            kind=str(state.get(f"{key}_kind") or KINDS[0]),
            body=str(state.get(f"{key}_body") or ""),
            author=str(state.get(f"{key}_author") or ""),
            unit=str(state.get(f"{key}_unit") or ""),
            figure=str(state.get(f"{key}_figure") or ""),
            source=str(state.get(f"{key}_source") or ""),
            session_id=session_id,
            token=str(state.setdefault(f"{key}_token", uuid.uuid4().hex)),
            indicators=frozenset(cat.index),
            regions=frozenset(region_names(kode[:4])),
        )
        producers = {str(k): str(v) for k, v in cat["producer"].dropna().items()}
        route = routing.route(indicator, producers, routing.opd_indicators())
        note_id = store().add(draft, route)
    except NoteError as e:
        state[f"{key}_error"] = e
        return
    limiter.record(time.monotonic())
    _city_notes.clear()
    opds = TEXT("opd_accounts", lang, opds=", ".join(route.opds)) if route.opds else ""
    state[f"{key}_saved"] = TEXT("saved", lang, note=note_id, producer=md_escape(route.producer), opds=opds)
    state["catatan_author_default"] = state.get(f"{key}_author", "")
    for field in ("body", "figure", "source", "token"):
        state.pop(f"{key}_{field}", None)


def note_form(
    indicator: str, kode: str, tahun: int, lang: str, *, key: str, session_id: int | None = None
) -> None:
    """The form that writes one note pinned to ``indicator`` x ``kode`` (kota or kecamatan) x
    ``tahun``. Reusable from a card, a map region, a trend row or a slide; ``key`` must be unique
    on the page."""
    cat = catalog(lang)
    regions = region_names(kode[:4])
    label = cat["label"].get(indicator, indicator)
    st.caption(TEXT("pin", lang, indicator=label, region=regions.get(kode, kode), year=tahun))
    if f"{key}_author" not in st.session_state:
        st.session_state[f"{key}_author"] = st.session_state.get("catatan_author_default", "")
    with st.form(f"{key}_form", border=False):
        st.radio(
            TEXT("kind", lang), KINDS, key=f"{key}_kind", horizontal=True,
            format_func=lambda k: MODEL_TEXT(f"kind_{k}", lang),
        )  # fmt: skip
        st.text_area(
            TEXT("body", lang), key=f"{key}_body", max_chars=model.MAX_BODY, height=110,
            help=TEXT("body_help", lang, n=fmt.number(model.MAX_BODY, 0, lang)),
        )  # fmt: skip
        a, b = st.columns(2)
        a.text_input(TEXT("author", lang), key=f"{key}_author", max_chars=model.MAX_NAME)
        b.text_input(TEXT("unit", lang), key=f"{key}_unit", max_chars=model.MAX_UNIT)
        c, d = st.columns(2)
        c.text_input(TEXT("figure", lang), key=f"{key}_figure", max_chars=40, help=TEXT("figure_help", lang))
        d.text_input(TEXT("source", lang), key=f"{key}_source", max_chars=model.MAX_SOURCE)
        st.form_submit_button(
            TEXT("send", lang), type="primary", icon=":material/send:", key=f"{key}_send",
            on_click=_save, args=(key, indicator, kode, int(tahun), lang, session_id),
        )  # fmt: skip
    problem = st.session_state.get(f"{key}_error")
    if isinstance(problem, NoteError):
        error(problem, lang)
    saved = st.session_state.pop(f"{key}_saved", None)
    if saved:
        st.success(saved, icon=":material/check_circle:")


def note_button(indicator: str, kode: str, tahun: int, lang: str, *, key: str) -> None:
    """A small "Catat" popover with :func:`note_form` (drawn only while open)."""
    with st.popover(
        TEXT("write", lang), icon=":material/rate_review:", help=TEXT("write_help", lang),
        on_change="rerun", key=f"{key}_pop",
    ) as pop:  # fmt: skip
        if pop.open:
            note_form(indicator, kode, tahun, lang, key=key)


def note_qr(indicator: str, kode: str, tahun: int | None, lang: str, session_id: int | None = None) -> None:
    """A QR code of the note form pinned to this figure (for a slide on the projector: phones in
    the room scan it and write their note)."""
    from dalamangka import qr

    link = markers.note_link(deck.public_url(), indicator, kode, tahun, session_id)
    st.image(qr.png(link, scale=6), caption=TEXT("scan", lang), width=200)


# --- markers ---------------------------------------------------------------------------------------


@st.cache_data(ttl=2, show_spinner=False, max_entries=64)
def _city_notes(url: str, kota: str) -> list[Note]:
    return _store(url).notes(kota=kota)


def city_notes(kota: str) -> list[Note]:
    """All notes on the city and its kecamatan. Read once per 2 s per city and server (a page
    with 13 cards asks 13 times per run); a note written in this session clears it at once."""
    return _city_notes(default_url(), kota[:4])


def card_marker(indicator: str, kode: str, tahun: int, lang: str) -> None:
    """Under a headline card: its open-note badge (if any)."""
    badge = markers.card_badge(city_notes(kode), indicator, kode, lang)
    if badge is not None:
        st.badge(badge.label, icon=":material/flag:", color=badge.color)  # type: ignore[arg-type]


def note_page_link(indicator: str, kode: str, tahun: int, lang: str) -> None:
    """A "Catat" link to the Catatan page opened on this figure (indicator x region x year:
    :func:`markers.note_params`, as a slide's QR code opens it; with the page's city and language,
    as every in-app link). A link, not a popover with the form: Ringkasan's 11 cards drew 11
    "Catat" popovers, and closed popovers cost a phone about 0.7 s before the first card showed
    (issue 14)."""
    params = {"kota": kode[:4], **markers.note_params(indicator, kode, tahun), "lang": lang}
    st.page_link(
        "pages/catatan.py", label=TEXT("write", lang), icon=":material/rate_review:",
        help=TEXT("write_help", lang), query_params=params,
    )  # fmt: skip


def open_status(kota: str, indicator: str, tahun: int, lang: str) -> dict[str, str]:
    """For a map's ranked list (issue 18, Peta): BPS code -> the statuses of its open notes on
    ``indicator`` in ``tahun`` ("baru, diverifikasi"). Statuses only: never the note's text."""
    found: dict[str, set[str]] = {}
    for n in city_notes(kota):
        if n.status in OPEN and n.indicator == indicator and n.tahun == tahun:
            found.setdefault(n.kode, set()).add(n.status)
    order = list(model.STATUSES)
    return {
        k: ", ".join(MODEL_TEXT(f"status_{s}", lang) for s in sorted(v, key=order.index))
        for k, v in sorted(found.items())
    }


def opd_summary(kota: str, nama: str, lang: str) -> None:
    """For the Kualitas page: the notes on this city per producer/OPD, open counts and age, in
    one expander (open while any note is open), so it does not reshape the page around it."""
    notes = city_notes(kota)
    n_open = sum(1 for n in notes if n.status in OPEN)
    title = f"{TEXT('opd_title', lang)} ({TEXT('open_count', lang, n=fmt.number(n_open, 0, lang))})"
    with st.expander(title, expanded=n_open > 0, icon=":material/rate_review:"):
        st.caption(TEXT("opd_caption", lang, name=nama))
        if not notes:
            st.caption(TEXT("no_notes", lang))
        else:
            st.dataframe(
                markers.per_opd(notes, dt.date.today(), lang), hide_index=True, key="catatan_per_opd"
            )
        st.page_link("pages/catatan.py", label=TEXT("open_notes", lang), icon=":material/arrow_forward:")


# --- the status desk -------------------------------------------------------------------------------


def login_box(lang: str) -> auth.Session | None:
    """The logged-in walidata/produsen, or a login form (accounts of :mod:`dalamangka.auth`)."""
    current = session()
    if current is not None:
        opd = f", {current.opd}" if current.opd else ""
        a, b = st.columns([4, 1], vertical_alignment="center")
        a.caption(TEXT("logged_in", lang, user=current.user, role=current.role, opd=md_escape(opd)))
        if b.button(TEXT("logout", lang), key="catatan_logout"):
            for k in _SESSION_KEYS:
                st.session_state.pop(k, None)
            st.rerun()
        return current
    ui.login_form("catatan", TEXT("login", lang), lang)
    return None


def pin_label(note: Note, lang: str, regions: dict[str, str], labels: dict[str, str]) -> str:
    """The pin of a note, e.g. "#12 · baru · IPM · Kota Medan · 2023" (no user text)."""
    status = MODEL_TEXT("status_" + note.status, lang)
    what = labels.get(note.indicator, note.indicator)
    return f"#{note.note_id} · {status} · {what} · {regions.get(note.kode, note.kode)} · {note.tahun}"


def show_note(note: Note, lang: str, regions: dict[str, str], labels: dict[str, str]) -> None:
    """One note as plain text (``st.text``: no markdown, no HTML)."""
    st.text(pin_label(note, lang, regions, labels) + f" · {MODEL_TEXT('kind_' + note.kind, lang)}")
    st.text(note.body)
    st.text(f"— {note.author}" + (f" ({note.unit})" if note.unit else ""))
    if note.corrected_value is not None:
        st.text(
            TEXT(
                "figure_line",
                lang,
                value=fmt.number(note.corrected_value, 2, lang),
                source=note.corrected_source,
            )
        )
    if note.batch_id is not None:
        fixed_by(note.batch_id, lang)


def fixed_by(batch_id: int, lang: str) -> None:
    """The import batch that fixed a note: who imported which file when (from the warehouse log)."""
    batches = ui.query("import_batches")
    row = batches[batches.batch_id == batch_id]
    st.caption(TEXT("fixed_by", lang, batch=batch_id))
    if len(row):
        columns = ["batch_id", "imported_at", "user_name", "opd", "file_name", "rows_added", "rows_changed"]
        st.dataframe(row[columns], hide_index=True)


def status_desk(notes: list[Note], lang: str, regions: dict[str, str], labels: dict[str, str]) -> None:
    """Change a note's status (walidata: any note; produsen: its OPD's indicators), with the
    reason and the fixing import batch; every change is logged by the store."""
    who = login_box(lang)
    if who is None:
        return
    mine = [n for n in notes if n.status in OPEN and routing.may_change(who, n.indicator)]
    if not mine:
        st.info(TEXT("none_yours", lang))
        return
    by_id = {n.note_id: n for n in mine}
    picked = st.selectbox(
        TEXT("pick_note", lang), list(by_id), key="catatan_pilih",
        format_func=lambda i: pin_label(by_id[i], lang, regions, labels),
    )  # fmt: skip
    note = by_id[int(picked)]
    with st.container(border=True):
        show_note(note, lang, regions, labels)
    batches = ui.query("import_batches")
    with st.form("catatan_status"):
        st.radio(
            TEXT("new_status", lang), sorted(TRANSITIONS[note.status]), horizontal=True,
            key="catatan_status_baru", format_func=lambda s: MODEL_TEXT("status_" + s, lang),
        )  # fmt: skip
        st.text_area(TEXT("reason", lang), key="catatan_alasan", max_chars=model.MAX_REASON, height=80)
        options: list[int | None] = [None, *[int(b) for b in batches.batch_id]]
        names = {
            int(b): f"#{b} · {when:%Y-%m-%d} · {user} · {file}"
            for b, when, user, file in zip(
                batches.batch_id, batches.imported_at, batches.user_name, batches.file_name, strict=True
            )
        }
        st.selectbox(
            TEXT("batch", lang), options, key="catatan_batch",
            format_func=lambda b: TEXT("no_batch", lang) if b is None else names[b],
        )  # fmt: skip
        st.form_submit_button(
            TEXT("apply", lang), type="primary", key="catatan_status_simpan", on_click=_apply,
            args=(note.note_id, note.status, who, frozenset(int(b) for b in batches.batch_id), lang),
        )  # fmt: skip
    problem = st.session_state.pop("catatan_status_error", None)
    if isinstance(problem, NoteError):
        error(problem, lang)


def _apply(note_id: int, expected: str, who: auth.Session, batches: frozenset[int], lang: str) -> None:
    """Status form callback: change and log it; on success clear the reason, on error keep it."""
    state = st.session_state
    try:
        done = store().change_status(
            note_id, expected, str(state.get("catatan_status_baru")), who,
            reason=str(state.get("catatan_alasan") or ""), batch_id=state.get("catatan_batch"),
            batches=batches,
        )  # fmt: skip
    except NoteError as e:
        state["catatan_status_error"] = e
        return
    for k in ("catatan_alasan", "catatan_batch", "catatan_status_baru"):
        state.pop(k, None)
    _city_notes.clear()
    status = MODEL_TEXT("status_" + done.status, lang)
    st.toast(TEXT("changed", lang, note=done.note_id, status=status), icon=":material/check_circle:")


def history(note_id: int, lang: str) -> pd.DataFrame:
    rows = store().changes(note_id=note_id)
    t = minutes.TEXT
    status = {s: MODEL_TEXT("status_" + s, lang) for s in ("baru", "diverifikasi", "diperbaiki", "ditolak")}
    return pd.DataFrame(
        [
            {
                t("col_time", lang): c.changed_at.strftime("%Y-%m-%d %H:%M"),
                t("col_from", lang): status.get(c.old_status, ""),
                t("col_to", lang): status[c.new_status],
                t("col_actor", lang): c.actor,
                t("col_role", lang): c.role,
                t("col_reason", lang): c.reason,
                t("col_batch", lang): "" if c.batch_id is None else f"#{c.batch_id}",
            }
            for c in rows
        ]
    )


# --- the room (presenter) view -----------------------------------------------------------------------

ROOM_CSS = """
<style>
.kda-room{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:.8rem}
.kda-note{border:1px solid #d0d4dc;border-left:.4rem solid #d62728;border-radius:.5rem;padding:.6rem .8rem;
  background:#fff}
.kda-note[data-status=diverifikasi]{border-left-color:#ff8c00}
.kda-note[data-status=diperbaiki]{border-left-color:#2ca02c}
.kda-note[data-status=ditolak]{border-left-color:#888}
.kda-note-pin{font-size:.9rem;color:#444;margin:0}
.kda-note-body{font-size:1.35rem;line-height:1.35;margin:.3rem 0;white-space:pre-wrap;overflow-wrap:anywhere;
  unicode-bidi:plaintext;max-height:12rem;overflow:hidden}
.kda-note-by{font-size:.95rem;color:#555;margin:0}
[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"]{display:none}
</style>
"""


def room_html(notes: list[Note], lang: str, regions: dict[str, str], labels: dict[str, str]) -> str:
    """The newest notes as escaped HTML cards (every user string through html.escape, each in its
    own ``<bdi>`` so right-to-left text cannot reorder the rest)."""

    def e(text: str) -> str:
        return f"<bdi>{html.escape(text)}</bdi>"

    cards = []
    for n in notes[:ROOM_LIMIT]:
        pin = " · ".join(
            [f"#{n.note_id}", html.escape(MODEL_TEXT("status_" + n.status, lang)),
             html.escape(labels.get(n.indicator, n.indicator)), html.escape(regions.get(n.kode, n.kode)),
             str(n.tahun), html.escape(MODEL_TEXT("kind_" + n.kind, lang))]
        )  # fmt: skip
        by = e(n.author) + (f" ({e(n.unit)})" if n.unit else "")
        cards.append(
            f'<div class="kda-note" data-note="{n.note_id}" data-status="{html.escape(n.status)}">'
            f'<p class="kda-note-pin">{pin}</p><p class="kda-note-body">{e(n.body)}</p>'
            f'<p class="kda-note-by">— {by}</p></div>'
        )
    more = len(notes) - ROOM_LIMIT
    tail = f"<p>{html.escape(TEXT('room_more', lang, n=fmt.number(more, 0, lang)))}</p>" if more > 0 else ""
    return ROOM_CSS + '<div class="kda-room" data-testid="kda-room">' + "".join(cards) + "</div>" + tail


def room(kota: str, session_id: int | None, lang: str, labels: dict[str, str], every: float = 3.0) -> None:
    """The presenter's view: the newest notes of this FGD (or city) in large type, refreshed every
    ``every`` seconds, with a QR code of the note form."""
    from dalamangka import qr

    regions = region_names(kota)
    link = markers.note_link(deck.public_url(), None, kota, None, session_id)

    @st.fragment(run_every=every)
    def _live() -> None:
        notes = store().notes(session_id=session_id) if session_id else city_notes(kota)
        if not notes:
            st.info(TEXT("room_empty", lang))
        else:
            st.html(room_html(notes, lang, regions, labels))

    main, side = st.columns([5, 1])
    with main:
        _live()
    with side:
        st.image(qr.png(link, scale=6), caption=TEXT("scan", lang), width="stretch")
        params = {"wilayah": kota, **({"sesi": str(session_id)} if session_id else {})}
        st.page_link(
            "pages/catatan.py", label=TEXT("leave", lang), icon=":material/arrow_back:", query_params=params
        )


def minutes_button(fgd: Any, lang: str, labels: dict[str, str], decimals: dict[str, int]) -> None:
    """Download the minutes (XLSX) of one FGD meeting, built on click."""
    s = store()

    def build() -> bytes:
        return minutes.build(
            fgd, s.notes(session_id=fgd.session_id), s.changes(session_id=fgd.session_id),
            s.decisions(fgd.session_id), lang, today=dt.date.today(), region_names=region_names(fgd.kode),
            indicator_names=labels, decimals=decimals,
        )  # fmt: skip

    st.download_button(
        minutes.TEXT("title", lang, title=md_escape(fgd.title)) + " (XLSX)", build,
        file_name=f"notulen_fgd_{fgd.held_on:%Y%m%d}_{fgd.session_id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", key=f"catatan_notulen_{fgd.session_id}",
    )  # fmt: skip


# --- Tren (issue 18): flags on the trend chart, a note for a row of the trend table ---------------

ROW_TEXT = Text(
    {
        "row_region": ("Catat untuk baris", "Note on the row"),
        "row_year": ("Tahun", "Year"),
    }
)


def trend_flags(
    notes: list[Note], indicator: str, kode: str, years: list[int], lang: str
) -> list[dict[str, Any]]:
    """One flag per year with open notes on ``indicator`` x ``kode``: ``"⚑ 1 baru, 2
    diverifikasi"`` (counts and statuses only, never user text), ``kanan`` when the year is in the
    right half of the axis (the label then ends at the year, so a phone never cuts it off)."""
    pinned: dict[int, Counter[str]] = {}
    for n in markers.open_on(notes, indicator, kode):
        if n.tahun is not None:
            pinned.setdefault(int(n.tahun), Counter())[n.status] += 1
    lo, hi = (min(years), max(years)) if years else (0, 0)
    out = []
    for year, statuses in sorted(pinned.items()):
        parts = [
            f"{fmt.number(statuses[s], 0, lang)} {MODEL_TEXT('status_' + s, lang)}"
            for s in model.STATUSES  # baru before diverifikasi, every run
            if s in OPEN and statuses[s]
        ]
        out.append(
            {
                "tahun": year,
                "catatan": "⚑ " + ", ".join(parts),
                "kanan": hi > lo and year - lo > (hi - lo) / 2,
            }
        )
    return out


def flag_trend(spec: dict[str, Any], indicator: str, kode: str, lang: str) -> dict[str, Any]:
    """The Tren chart (a Vega-Lite spec of :func:`dalamangka.vega.trend`) with its open notes as
    annotations: a dashed red rule at each year with open notes on the chosen city's series and a
    label with the notes' statuses. The input is not changed; without open notes it is returned."""
    years = [int(r["tahun"]) for r in spec.get("data", {}).get("values", [])]
    flags = trend_flags(city_notes(kode), indicator, kode, years, lang)
    if not flags:
        return spec
    x = {"field": "tahun", "type": "quantitative"}
    red = "#d62728"

    def label(right: bool) -> dict[str, Any]:
        return {
            "data": {"values": flags},
            "mark": {"type": "text", "color": red, "baseline": "top", "fontWeight": "bold",
                     "align": "right" if right else "left", "dx": -4 if right else 4, "dy": 2},
            "encoding": {"x": x, "y": {"value": 0}, "text": {"field": "catatan"}},
            "transform": [{"filter": f"{'' if right else '!'}datum.kanan"}],
        }  # fmt: skip

    rule = {
        "data": {"values": flags},
        "mark": {"type": "rule", "color": red, "strokeDash": [3, 3], "strokeWidth": 1.5},
        "encoding": {"x": x},
    }
    return {**spec, "layer": [*spec["layer"], rule, label(False), label(True)]}


def row_note(
    rows: pd.DataFrame, years: list[int], indicator: str, chosen: str, lang: str, *, key: str
) -> None:
    """A "Catat" button for one row of a trend table: the region (the selected row, else the
    chosen city) and the year (latest first) pin indicator x region x year in the note form.
    ``rows``: the table shown (kode, wilayah)."""
    if rows.empty or not years:
        return
    names = dict(zip(rows.kode.astype(str), rows.wilayah.astype(str), strict=False))
    kodes = list(names)
    picked = st.session_state.get(f"{key}_wilayah")
    if picked not in names:
        st.session_state[f"{key}_wilayah"] = chosen if chosen in names else kodes[0]
    a, b, c = st.columns([3, 2, 2], vertical_alignment="bottom")
    kode = a.selectbox(
        ROW_TEXT("row_region", lang),
        kodes,
        format_func=lambda k: names.get(str(k), str(k)),
        key=f"{key}_wilayah",
    )
    tahun = b.selectbox(ROW_TEXT("row_year", lang), sorted(years, reverse=True), key=f"{key}_tahun")
    with c:
        note_button(indicator, str(kode), int(tahun), lang, key=key)
