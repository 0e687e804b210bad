"""Interface text in Bahasa Indonesia (first) and English.

Each module keeps its own :class:`Text` table next to the code that uses it, so features do not
collide in one big file; :data:`COMMON` holds the words every page shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGS: tuple[str, ...] = ("id", "en")
DEFAULT_LANG = "id"


class Text:
    """A table of ``key -> (Bahasa, English)`` strings with ``str.format`` fields."""

    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        self._table = dict(table)

    def __call__(self, key: str, lang: str = DEFAULT_LANG, **fields: Any) -> str:
        id_text, en_text = self._table[key]
        text = en_text if lang == "en" else id_text
        return text.format(**fields) if fields else text

    def keys(self) -> list[str]:
        return list(self._table)


def normalise_lang(lang: str | None) -> str:
    """``"en"`` stays English; anything else (missing, unknown) is Bahasa Indonesia."""
    return lang if lang in LANGS else DEFAULT_LANG


COMMON = Text(
    {
        "app_title": ("Kota Dalam Angka", "Kota Dalam Angka"),
        "tagline": (
            "Statistik kota dari publikasi BPS, siap untuk rapat.",
            "City statistics from BPS publications, ready for meetings.",
        ),
        "language": ("Bahasa", "Language"),
        "city": ("Kota/kabupaten", "City/regency"),
        "city_help": (
            "Lima kota percontohan di atas, lalu semua kota dan kabupaten. Ketik untuk mencari.",
            "The five pilot cities first, then every city and regency. Type to search.",
        ),
        "source": ("Sumber", "Source"),
        "pick_regions": ("Ketik nama kota/kabupaten…", "Type a city or regency name…"),
        "no_data": ("tidak ada data", "no data"),
        "building": ("Menyiapkan gudang data (sekali saja)…", "Preparing the data warehouse (once)…"),
        "rebuilding": (
            "Gudang data dibangun ulang untuk versi aplikasi ini (data atau kode berubah)…",
            "Rebuilding the data warehouse for this version of the app (data or code changed)…",
        ),
        "built": ("Gudang data siap.", "Data warehouse ready."),
        "nav_explore": ("Jelajahi", "Explore"),
        "nav_data": ("Data", "Data"),
        "coming_soon": (
            "Halaman ini sedang dibangun dan belum menampilkan data.",
            "This page is being built and shows no data yet.",
        ),
        "page_ringkasan": ("Ringkasan", "Overview"),
        "page_peta": ("Peta", "Map"),
        "page_tren": ("Tren", "Trends"),
        "page_bandingkan": ("Bandingkan", "Compare"),
        "page_impor": ("Impor data", "Import data"),
        "page_katalog": ("Katalog metadata", "Metadata catalogue"),
        "page_kualitas": ("Kualitas data", "Data quality"),
        "page_presentasi": ("Presentasi", "Presentation"),
        "page_kepuasan": ("Kepuasan layanan", "Service satisfaction"),
        "page_catatan": ("Catatan FGD", "FGD notes"),
        "level_kota": ("kota", "cities"),
        "level_kabupaten": ("kabupaten", "regencies"),
        "kota": ("Kota", "City"),
        "kabupaten": ("Kabupaten", "Regency"),
        "status_sementara": ("angka sementara", "preliminary"),
        "status_sangat_sementara": ("angka sangat sementara", "very preliminary"),
        "status_revisi": ("angka revisi", "revised"),
        "status_tetap": ("angka tetap", "final"),
        "status_tidak_diketahui": ("status tidak dinyatakan sumber", "status not stated by the source"),
    }
)
