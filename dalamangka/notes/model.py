"""What a note is: its kinds, statuses and allowed status changes, and the records the store keeps.

A note is written by an FGD participant (no account: a name or unit is asked), pinned to one
indicator x region (kota or kecamatan BPS code) x year, routed to the indicator's producer and the
walidata, and followed through ``baru -> diverifikasi -> diperbaiki / ditolak``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dalamangka.i18n import Text

KINDS: tuple[str, ...] = ("angka_diragukan", "data_kurang", "definisi", "usulan")
STATUSES: tuple[str, ...] = ("baru", "diverifikasi", "diperbaiki", "ditolak")
OPEN: frozenset[str] = frozenset({"baru", "diverifikasi"})
# Allowed changes. A duplicate or out-of-scope note may be refused before it is verified.
TRANSITIONS: dict[str, frozenset[str]] = {
    "baru": frozenset({"diverifikasi", "ditolak"}),
    "diverifikasi": frozenset({"diperbaiki", "ditolak"}),
    "diperbaiki": frozenset(),
    "ditolak": frozenset(),
}

# Length limits (characters, after cleaning). Longer text is refused, never cut.
MAX_BODY = 2000
MAX_NAME = 80
MAX_UNIT = 120
MAX_SOURCE = 300
MAX_REASON = 1000
MAX_PLACE = 200

TEXT = Text(
    {
        "kind_angka_diragukan": ("angka diragukan", "doubtful figure"),
        "kind_data_kurang": ("data kurang", "missing data"),
        "kind_definisi": ("definisi", "definition"),
        "kind_usulan": ("usulan", "suggestion"),
        "status_baru": ("baru", "new"),
        "status_diverifikasi": ("diverifikasi", "verified"),
        "status_diperbaiki": ("diperbaiki", "fixed"),
        "status_ditolak": ("ditolak", "rejected"),
        "empty": ("{field} wajib diisi.", "{field} is required."),
        "too_long": (
            "{field} terlalu panjang: {n} karakter, paling banyak {max}. Tidak ada yang disimpan; "
            "persingkat lalu kirim lagi.",
            "{field} is too long: {n} characters, at most {max}. Nothing was saved; shorten it and "
            "send again.",
        ),
        "bad_kind": ("Jenis catatan tidak dikenal: {value}.", "Unknown note type: {value}."),
        "bad_region": (
            "Kode wilayah tidak dikenal: {value}. Pilih kota atau kecamatan dari daftar.",
            "Unknown region code: {value}. Pick a city or kecamatan from the list.",
        ),
        "bad_indicator": ("Indikator tidak dikenal: {value}.", "Unknown indicator: {value}."),
        "bad_year": (
            "Tahun {value} di luar rentang {low}–{high}.",
            "Year {value} is outside {low}–{high}.",
        ),
        "bad_figure": (
            "Angka koreksi \u201c{value}\u201d tidak jelas. Tulis cara Indonesia: 2.435.252 atau 78,57 "
            "(titik pemisah ribuan, koma desimal).",
            "The corrected figure \u201c{value}\u201d is ambiguous. Write it the Indonesian way: 2.435.252 "
            "or 78,57 (dot between thousands, comma for decimals).",
        ),
        "source_needed": (
            "Angka koreksi harus disertai sumbernya (publikasi, tabel, halaman).",
            "A corrected figure needs its source (publication, table, page).",
        ),
        "source_without_figure": (
            "Sumber diisi tetapi angka koreksi kosong. Isi angkanya atau kosongkan sumbernya.",
            "A source was given without a corrected figure. Give the figure or clear the source.",
        ),
        "rate": (
            "Terlalu banyak catatan dari perangkat ini dalam waktu singkat. Tunggu {seconds} detik; "
            "isian Anda tetap di formulir.",
            "Too many notes from this device in a short time. Wait {seconds} seconds; your text stays "
            "in the form.",
        ),
        "bad_transition": (
            "Status tidak bisa diubah dari {old} ke {new}.",
            "The status cannot change from {old} to {new}.",
        ),
        "reason_needed": ("Alasan penolakan wajib diisi.", "A reason is required to reject a note."),
        "batch_needed": (
            "Catatan ini membawa angka koreksi: sebutkan batch impor yang memperbaikinya.",
            "This note came with a corrected figure: name the import batch that fixed it.",
        ),
        "bad_batch": ("Batch impor {value} tidak ada.", "There is no import batch {value}."),
        "not_allowed": (
            "Akun {user} tidak boleh mengubah catatan {indicator}: hanya walidata atau produsen "
            "indikator ini.",
            "Account {user} may not change notes on {indicator}: only the walidata or this "
            "indicator's producer may.",
        ),
        "conflict": (
            "Catatan #{note} baru saja diubah orang lain (sekarang {status}). Muat ulang lalu coba lagi.",
            "Note #{note} was just changed by someone else (now {status}). Reload and try again.",
        ),
        "no_note": ("Catatan #{note} tidak ada.", "There is no note #{note}."),
        "busy": (
            "Penyimpanan catatan sedang sibuk. Tidak ada yang tersimpan; kirim lagi sebentar lagi.",
            "The notes store is busy. Nothing was saved; send again in a moment.",
        ),
        "bad_url": (
            "Alamat penyimpanan catatan tidak didukung: {value}. Gunakan sqlite:///jalur/berkas.sqlite.",
            "Unsupported notes store address: {value}. Use sqlite:///path/file.sqlite.",
        ),
        "newer_schema": (
            "Penyimpanan catatan memakai skema versi {found}, lebih baru dari aplikasi ini ({known}). "
            "Perbarui aplikasi.",
            "The notes store uses schema version {found}, newer than this app ({known}). Update the app.",
        ),
        "f_body": ("Isi catatan", "The note"),
        "f_name": ("Nama atau unit", "Name or unit"),
        "f_unit": ("Unit/OPD", "Unit/agency"),
        "f_source": ("Sumber angka koreksi", "Source of the corrected figure"),
        "f_reason": ("Alasan", "Reason"),
        "f_place": ("Tempat", "Place"),
        "f_title": ("Judul sesi", "Session title"),
        "f_decision": ("Keputusan", "Decision"),
    }
)


class NoteError(ValueError):
    """A refused note or change; ``key``/``fields`` give the message in either language."""

    def __init__(self, key: str, **fields: Any) -> None:
        self.key, self.fields = key, fields
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        fields = {
            k: TEXT(v, lang) if isinstance(v, str) and v.startswith("f_") else v
            for k, v in self.fields.items()
        }
        return TEXT(self.key, lang, **fields)


@dataclass(frozen=True)
class Draft:
    """A note as written in the room, already cleaned and checked (see :mod:`.validate`)."""

    indicator: str
    kode: str
    tahun: int
    kind: str
    body: str
    author: str
    unit: str = ""
    corrected_value: float | None = None
    corrected_source: str = ""
    session_id: int | None = None
    token: str = ""  # the client's idempotency key: sending the same form twice stores one note


@dataclass(frozen=True)
class Routing:
    """Who a note goes to: the producer named in the indicator's metadata, the OPD accounts
    that produce it (``secrets/users.toml``), and always the walidata."""

    producer: str
    opds: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    note_id: int
    created_at: dt.datetime
    indicator: str
    kode: str
    tahun: int
    kind: str
    body: str
    author: str
    unit: str
    corrected_value: float | None
    corrected_source: str
    session_id: int | None
    producer: str
    opds: tuple[str, ...]
    status: str
    reason: str
    batch_id: int | None
    updated_at: dt.datetime

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class Change:
    """One line of a note's log: who moved it from which status to which, when, and why."""

    note_id: int
    changed_at: dt.datetime
    actor: str
    role: str
    opd: str
    old_status: str
    new_status: str
    reason: str
    batch_id: int | None


@dataclass(frozen=True)
class FgdSession:
    """One FGD meeting: notes written in the room belong to it; its minutes are exported."""

    session_id: int
    held_on: dt.date
    place: str
    title: str
    kode: str
    created_by: str


@dataclass(frozen=True)
class Decision:
    session_id: int
    decided_at: dt.datetime
    actor: str
    text: str
