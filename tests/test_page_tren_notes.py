"""Issue 18 on Tren: open notes drawn on the trend chart (status visible, no user text), and a
note written for a row of the trend table (indicator x region x year prefilled), through AppTest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dalamangka import auth
from dalamangka.notes import store, validate
from dalamangka.notes.model import Routing
from dalamangka.ui import notes as ui_notes
from tests.conftest import AppFactory
from tests.test_notes_page import HOSTILE, notes_url
from tests.test_page_tren import PAGE, figure, open_tab

__all__ = ["notes_url"]  # the fixture: a private notes store and accounts


def _flags(fig: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        v
        for layer in fig["spec"]["layer"]
        for v in layer.get("data", {}).get("values", [])
        if "catatan" in v and layer["mark"]["type"] == "rule"  # one rule per flagged year
    ]


def _note(at: Any, body: str) -> None:
    at.text_area(key="tren_catat_body").input(body)
    at.text_input(key="tren_catat_author").input("Ani Siregar")
    at.text_input(key="tren_catat_unit").input("Bappeda")
    at.button(key="tren_catat_send").click().run()


def test_a_note_on_a_table_row_is_pinned_and_flagged_on_the_chart(
    app: AppFactory, notes_url: str, tmp_path: Path
) -> None:
    at = app(PAGE, kota="1275", ind="tpt", set="provinsi")
    assert not _flags(figure(at))  # no open note: no flag
    open_tab(at, "tabel")
    # the row picker starts on the chosen city; another row and year are one pick each
    assert at.selectbox(key="tren_catat_wilayah").value == "1275"
    at.selectbox(key="tren_catat_wilayah").set_value("1271").run()
    at.selectbox(key="tren_catat_tahun").set_value(2022).run()
    at.get("popover")  # the "Catat" popover is drawn; its form only while open
    at.session_state["tren_catat_pop"] = True
    at.run()
    assert "Catatan untuk: TPT · Kota Sibolga · 2022" in [c.value for c in at.caption]
    _note(at, HOSTILE)
    assert not at.exception and [s.value for s in at.success]
    [note] = store.open_store(notes_url).notes()
    assert (note.indicator, note.kode, note.tahun) == ("tpt", "1271", 2022)
    # the chosen city's own notes are flagged on the chart: status and count, never the text
    s = store.open_store(notes_url)
    at.selectbox(key="tren_catat_wilayah").set_value("1275").run()
    at.selectbox(key="tren_catat_tahun").set_value(2020).run()
    _note(at, "angka 2020 diragukan")
    ui_notes._city_notes.clear()
    open_tab(at, "grafik")
    flags = _flags(figure(at))
    assert flags == [{"tahun": 2020, "catatan": "⚑ 1 baru", "kanan": False}]
    texts = [layer for layer in figure(at)["spec"]["layer"] if layer.get("encoding", {}).get("text")]
    assert [t["encoding"]["text"] for t in texts[-2:]] == [{"field": "catatan"}] * 2  # labelled
    drawn = " ".join(
        str(v) for layer in figure(at)["spec"]["layer"] for v in layer.get("data", {}).get("values", [])
    )
    assert "script" not in drawn and "diragukan" not in drawn  # user text never reaches the chart
    assert len(s.notes()) == 2


def test_trend_flags_count_open_notes_per_year_with_their_status(notes_url: str) -> None:
    """Only open notes (baru, diverifikasi) on the indicator x region, counted per year with the
    status; a label in the right half of the axis ends at its year."""
    s = store.open_store(notes_url)
    route = Routing("BPS", ("bps",))
    walidata = auth.Session("ani", "walidata", None, None)

    def add(kode: str, tahun: int, indicator: str = "tpt") -> int:
        d = dict(indicator=indicator, kode=kode, tahun=tahun, kind="angka_diragukan", author="Ani", body="x")
        return s.add(validate.draft(**d), route)  # type: ignore[arg-type]

    add("1275", 2019)
    checked = add("1275", 2019)
    s.change_status(checked, "baru", "diverifikasi", walidata)
    rejected = add("1275", 2023)
    s.change_status(rejected, "baru", "ditolak", walidata, reason="sesuai publikasi")
    add("1275", 2024)
    add("1271", 2024)  # another region
    add("1275", 2024, "ipm")  # another indicator
    flags = ui_notes.trend_flags(s.notes(), "tpt", "1275", [2018, 2024], "id")
    assert flags == [
        {"tahun": 2019, "catatan": "⚑ 1 baru, 1 diverifikasi", "kanan": False},
        {"tahun": 2024, "catatan": "⚑ 1 baru", "kanan": True},
    ]
