"""Region labels for a category axis (dalamangka.names.axis_labels): short, never two alike."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from dalamangka import names

WORDS = ["Kota", "Kabupaten", "Kab.", "Administrasi", "Jakarta", "Selatan", "Utara", "Bolaang",
         "Mongondow", "Ogan", "Komering", "Ulu", "Timur", "Kep.", "Siau", "Tagulandang", "Biaro", "Ilir",
         "A", "B"]  # fmt: skip


def test_every_current_kabkota_gets_a_distinct_short_label(full: duckdb.DuckDBPyConnection) -> None:
    """The 514 kab/kota of the warehouse: all labels distinct and within the limit, and the names
    that a cut at 140 px made alike (the five Jakarta cities, Bolaang Mongondow Selatan / Utara /
    Timur) told apart."""
    rows = full.sql("select kode, nama from regions where level in ('kota', 'kabupaten') and is_current")
    kodes, nama = zip(*rows.fetchall(), strict=True)
    labels = names.axis_labels(list(nama), list(kodes))
    assert len(labels) == 514 and len(set(labels)) == 514
    assert max(len(label) for label in labels) <= names.AXIS_CHARS
    by_kode = dict(zip(kodes, labels, strict=True))
    assert [by_kode[k] for k in ("3171", "3172", "3173", "3174", "3175")] == [
        "Kota Adm. Jakarta Selatan",
        "Kota Adm. Jakarta Timur",
        "Kota Adm. Jakarta Pusat",
        "Kota Adm. Jakarta Barat",
        "Kota Adm. Jakarta Utara",
    ]
    bolmong = {
        by_kode[k] for k, n in zip(kodes, nama, strict=True) if n.startswith("Kabupaten Bolaang Mongondow ")
    }
    assert bolmong == {
        "Kab. Bolaang Mongon… Selatan",
        "Kab. Bolaang Mongondow Utara",
        "Kab. Bolaang Mongondow Timur",
    }
    assert by_kode["1275"] == "Kota Medan" and by_kode["3201"] == "Kab. Bogor"


def test_short_names_and_cuts() -> None:
    assert names.short_name("Kabupaten  Bogor ") == "Kab. Bogor"
    assert names.short_name("Kabupaten Administrasi Kepulauan Seribu") == "Kab. Adm. Kepulauan Seribu"
    assert names.short_name("Kota Medan") == "Kota Medan"
    assert names.short_name("3. Kota Administrasi Jakarta Selatan") == "3. Kota Adm. Jakarta Selatan"
    assert names.short_name("12. Kabupaten Bolaang Mongondow Selatan") == "12. Kab. Bolaang Mongondow Selatan"
    assert (
        names.short_name("2020. Kabupaten X") == "2020. Kab. X" and names.short_name("A. Kota") == "A. Kota"
    )
    assert names.axis_labels(["Kota Medan"], ["1275"]) == ["Kota Medan"]
    # a cut that would make two alike gives both whole; the very same name gets its code
    assert names.axis_labels(["Kota Aaaa Bbbb Xx", "Kota Aaaa Bbbc Xx"], ["1", "2"], limit=12) == [
        "Kota Aaaa Bbbb Xx",
        "Kota Aaaa Bbbc Xx",
    ]
    assert names.axis_labels(["Kota X", "Kota X"], ["1", "2"]) == ["Kota X (1)", "Kota X (2)"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join), min_size=1, max_size=40),
    st.integers(min_value=8, max_value=40),
)
def test_labels_are_distinct_whatever_the_names(nama: list[str], limit: int) -> None:
    """One label per region, never two alike (Vega would draw them as one row); a label over the
    limit is a whole name given because a cut would have collided."""
    kodes = [str(i) for i in range(len(nama))]
    labels = names.axis_labels(nama, kodes, limit)
    assert len(labels) == len(nama) and len(set(labels)) == len(labels)
    shorts = [names.short_name(n) for n in nama]
    for short, k, label in zip(shorts, kodes, labels, strict=True):
        assert len(label) <= limit or label in (short, f"{short} ({k})")
        if len(short) <= limit and shorts.count(short) == 1:
            assert label == short  # short enough: never cut
