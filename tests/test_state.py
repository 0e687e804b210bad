"""URL state: codes in, codes out; old label links decode once; bad values give notices; 1,000
hostile URL states over every page raise nothing (pure decode + build, an AppTest sample)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dalamangka import deck, qr, sql, state
from dalamangka.views import bandingkan, peta, ringkasan, tren
from tests.conftest import AppFactory

BUILDERS: dict[str, Callable[..., Any]] = {
    "ringkasan": ringkasan.build,
    "tren": tren.build,
    "bandingkan": bandingkan.build,
    "peta": peta.build,
}


@pytest.fixture(scope="module")
def fetch(full_warehouse: Any) -> Any:
    con = duckdb.connect(str(full_warehouse), read_only=True)
    cache: dict[Any, pd.DataFrame] = {}

    def run(name: str, **params: Any) -> pd.DataFrame:
        key = (name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())))
        if key not in cache:
            cache[key] = sql.run(con, name, **params)
        return cache[key].copy()

    yield run
    con.close()


@pytest.fixture(scope="module")
def vocab(fetch: Any) -> state.Vocab:
    return state.vocab(fetch)


def test_canonical_links_round_trip(vocab: state.Vocab) -> None:
    tren_state = state.Tren(ind="ipm", set="provinsi", wilayah=("12", "1271"), mode="indeks", dasar=2015)
    params = state.encode(state.Common("1275", "en"), tren_state)
    assert params == {
        "kota": "1275",
        "lang": "en",
        "ind": "ipm",
        "set": "provinsi",
        "wilayah": ["12", "1271"],
        "mode": "indeks",
        "dasar": "2015",
    }
    decoded = state.decode("tren", params, vocab)
    assert (
        decoded.state == tren_state and decoded.common == state.Common("1275", "en") and not decoded.notices
    )
    assert not decoded.differs(params)
    assert (
        state.link("tren", state.Common("1275", "id"), state.Tren(ind="ipm"))
        == "/tren?kota=1275&lang=id&ind=ipm"
    )


def test_old_label_links_decode_once_to_the_same_codes(vocab: state.Vocab) -> None:
    old = {
        "kota": "Kota Medan",
        "lang": "English",
        "tren_indikator": "Unemployment",
        "tren_set": "Hanya pilihan",
        "tren_wilayah": ["Kota Bogor"],
        "tren_mode": "Indeks (tahun dasar = 100)",
    }
    decoded = state.decode("tren", old, vocab)
    assert not decoded.notices and decoded.differs(old)
    assert decoded.canonical == {
        "kota": "1275",
        "lang": "en",
        "ind": "tpt",
        "set": "pilihan",
        "wilayah": ["3271"],
        "mode": "indeks",
    }
    old_compare = {"bandingkan_indikator": "TPT", "bandingkan_tahun": "2024", "bandingkan_pita": "±25 %"}
    assert state.decode("bandingkan", old_compare, vocab).state == state.Bandingkan(
        ind="tpt", tahun=2024, pita=25
    )
    old_map = {"peta_tampilan": "Kab/kota se-Indonesia", "peta_nas_indikator": "IPM", "peta_kelas": "7"}
    assert state.decode("peta", old_map, vocab).state == state.Peta(tampilan="nasional", ind="ipm", kelas=7)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Nowhere", "Wilayah “Nowhere” di tautan (kota=) tidak dikenal; ditampilkan Kota Pangkal Pinang."),
        (
            "kota medan",
            "tidak persis sama dengan nama mana pun; ditampilkan Kota Pangkal Pinang. "
            "Maksud Anda Kota Medan (kota=1275)?",
        ),
        ("9999", "Wilayah “9999” di tautan (kota=) tidak dikenal"),
    ],
)
def test_an_unknown_region_is_named_never_swapped_silently(
    vocab: state.Vocab, value: str, expected: str
) -> None:
    decoded = state.decode("ringkasan", {"kota": value}, vocab)
    assert decoded.common.kota == "1971"  # the default city, and the notice says so
    assert len(decoded.notices) == 1 and expected in decoded.notices[0]


def test_bad_values_give_notices_naming_them(vocab: state.Vocab) -> None:
    decoded = state.decode("tren", {"lang": "fr", "ind": "<b>x</b>", "mode": "zz", "dasar": "20x"}, vocab)
    text = " ".join(decoded.notices)
    assert "Bahasa “fr”" in text and "(ind=)" in text and "(mode=)" in text and "(dasar=)" in text
    assert "<b>" not in text  # markup is escaped, never rendered
    assert decoded.state == state.Tren()


@pytest.mark.parametrize(
    ("value", "lang"),
    [("en", "en"), ("EN", "en"), ("en-US", "en"), ("en_GB", "en"), ("English", "en"), ("ID", "id"),
     ("id-ID", "id"), ("Bahasa Indonesia", "id")],
)  # fmt: skip
def test_a_language_tag_in_any_case_or_with_a_region_is_that_language(
    vocab: state.Vocab, value: str, lang: str
) -> None:
    decoded = state.decode("ringkasan", {"lang": value}, vocab)
    assert decoded.common.lang == lang and not decoded.notices


@pytest.mark.parametrize("value", ["fr", "eng", "in", "e", "enx", "-en"])
def test_another_language_is_named_and_bahasa_shown(vocab: state.Vocab, value: str) -> None:
    decoded = state.decode("ringkasan", {"lang": value}, vocab)
    assert decoded.common.lang == "id" and len(decoded.notices) == 1 and "(lang=)" in decoded.notices[0]


def _hostile(rng: random.Random) -> str:
    pool = [
        "",
        " ",
        "ipm",
        "1275",
        "Kota Medan",
        "kota+medan",
        "<script>alert(1)</script>",
        "**bold**",
        "[a](http://x)",
        "'; drop table facts; --",
        "\x00",
        "٣٣٧٥",
        "９",
        "-1",
        "1e309",
        "NaN",
        "true",
        "2024",
        "1800",
        "99999",
        "±25 %",
        "Kab/kota se-Indonesia",
        "z:" + "A" * 50,
        "s:0123456789",
        "é" * 10,
        "🙂",
        "x" * 5000,
        "9" * 5000,
        "%00%ff",
        "../../etc/passwd",
    ]
    return (
        rng.choice(pool)
        if rng.random() < 0.8
        else "".join(rng.choice("ab<>&%9 ±") for _ in range(rng.randint(1, 300)))
    )


def hostile_states(n: int, seed: int = 13) -> list[tuple[str, dict[str, list[str]]]]:
    rng = random.Random(seed)
    names = [
        "kota",
        "lang",
        "ind",
        "tahun",
        "set",
        "wilayah",
        "mode",
        "dasar",
        "cari",
        "urut",
        "pita",
        "daftar",
        "sorot",
        "x",
        "tampilan",
        "metode",
        "kelas",
        "ukuran",
        "nama",
        "kelurahan",
        "kota_saja",
        "produsen",
        "cakupan",
        "dek",
        "slide",
        "putar",
        "layar",
        "lihat",
        "tren_indikator",
        "bandingkan_tahun",
        "peta_nas_indikator",
        "x" * 300,
    ]
    out = []
    for _ in range(n):
        page = rng.choice(state.PAGES)
        params = {
            rng.choice(names): [_hostile(rng) for _ in range(rng.randint(1, 3))]
            for _ in range(rng.randint(0, 6))
        }
        out.append((page, params))
    return out


def test_a_thousand_hostile_url_states_raise_nothing(fetch: Any, vocab: state.Vocab) -> None:
    views = 0
    for page, params in hostile_states(1000):
        decoded = state.decode(page, params, vocab)
        for notice in decoded.notices:
            assert len(notice) < 600  # a 5,000-character value is quoted short
        link = state.link(page, decoded.common, decoded.state, "http://192.168.1.20:8501")
        assert len(link) < 2000
        if qr.fits(link):
            qr.png(link)  # never more than a code can hold
        else:
            with pytest.raises(qr.TooLong):
                qr.code(link)
        if page in BUILDERS:
            view = BUILDERS[page](decoded.common, decoded.state, fetch)
            assert view.heading and view.state is not None
            slide = deck.view_slide(view)
            assert deck.slide_url(slide, "http://192.168.1.20:8501", decoded.common.lang)
            views += 1
    assert views > 400


@pytest.mark.parametrize("index", range(0, 1000, 125))
def test_a_sample_of_hostile_states_through_the_pages(app: AppFactory, index: int) -> None:
    page, params = hostile_states(1000)[index]
    flat = {k: v[-1] for k, v in params.items()}
    at = app(f"pages/{page}.py", **flat)
    assert not at.exception


@pytest.mark.parametrize(
    ("page", "param"),
    [("tren", "mode"), ("bandingkan", "tab"), ("peta", "metode"), ("peta", "ukuran"), ("kualitas", "tab")],
)
def test_every_page_names_a_link_value_it_did_not_use(app: AppFactory, page: str, param: str) -> None:
    """A choice the URL's decoding refuses is named on the page, never dropped silently (Tren,
    Bandingkan and Peta once dropped them: ``mode=zz`` showed the default with no word)."""
    at = app(f"pages/{page}.py", kota="1275", **{param: "zz"})
    assert not at.exception
    shown = [w.value for w in at.warning]
    assert sum(f"“zz” di tautan ({param}=) tidak dikenal" in w for w in shown) == 1, shown
    assert param not in at.query_params  # the canonical link leaves it out


def test_old_urut_parameter_is_ignored_and_dropped(vocab: state.Vocab) -> None:
    """``urut=`` sorted the old Tren table; the table now sorts by its headers: an old link still
    opens (no notice) and the canonical link has no ``urut``."""
    assert "urut" not in {f.name for f in dataclasses.fields(state.Tren)}
    d = state.decode("tren", {"kota": "1275", "urut": "perubahan", "ind": "tpt"}, vocab)
    assert d.notices == () and "urut" not in d.canonical and d.canonical["ind"] == "tpt"


PAGE_PATHS = ("beranda", "ringkasan", "peta", "tren", "bandingkan", "impor")


@pytest.mark.parametrize(
    ("asked", "page"),
    [
        ("peta", "peta"),
        ("Peta", "peta"),
        ("TREN/", "tren"),
        ("/Bandingkan/", "bandingkan"),
        (" ringkasan ", "ringkasan"),
        ("peta.py", "peta"),
        ("Impor.PY", "impor"),
        ("penduduk", None),
        ("pet", None),  # a prefix names no page
        ("peta-kota", None),
        ("", None),
        (".py", None),
    ],
)
def test_a_typed_page_path_names_its_page_or_none(asked: str, page: str | None) -> None:
    assert state.page_path(asked, PAGE_PATHS) == page


@given(st.sampled_from(PAGE_PATHS), st.lists(st.booleans(), min_size=12, max_size=12), st.booleans())
def test_any_case_of_a_page_path_names_that_page(path: str, upper: list[bool], slash: bool) -> None:
    typed = "".join(c.upper() if u else c for c, u in zip(path, upper, strict=False))
    assert state.page_path(typed + ("/" if slash else ""), PAGE_PATHS) == path


@given(st.text(max_size=40))
def test_a_path_names_a_page_only_when_it_spells_it(asked: str) -> None:
    """Never another page that merely looks alike: a found page is the typed name, up to case,
    slashes, spaces and ``.py``."""
    found = state.page_path(asked, PAGE_PATHS)
    bare = asked.strip().strip("/").rsplit("/", 1)[-1].strip().casefold().removesuffix(".py")
    assert found == (bare if bare in PAGE_PATHS else None)
