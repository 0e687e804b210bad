"""The pickers (ui.picker): every select box of a chart page's first screen sits in a popover whose
button names the current choice, markdown-escaped (issue 14: a closed popover draws nothing in the
browser, and Streamlit's select box is the costliest widget of a first view)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dalamangka import fmt
from tests.conftest import AppFactory

SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:&")


@given(st.text())
def test_md_escape_leaves_no_markdown_and_reads_back(value: str) -> None:
    escaped = fmt.md_escape(value)
    bare = re.sub(r"\\.", "", escaped)  # drop every escaped character
    assert not SPECIALS & set(bare), escaped
    assert "\n" not in escaped
    assert re.sub(r"\\(.)", r"\1", escaped) == value.replace("\n", " ")


def _popovers(at: object) -> dict[str, set[str]]:
    """Popover label -> keys of the select boxes inside it."""
    out = {}
    for pop in at.get("popover"):  # type: ignore[attr-defined]
        out[pop.proto.popover.label] = {w.key for w in pop if getattr(w, "type", "") == "selectbox"}
    return out


@pytest.mark.parametrize(
    ("page", "params", "pickers"),
    [
        ("pages/tren.py", {"kota": "1671", "ind": "p0"},
         {"Indikator: Penduduk miskin \\(P0\\)": {"tren_indikator"}}),
        ("pages/bandingkan.py", {"kota": "1671", "ind": "ipm"},
         {"Indikator: IPM": {"bandingkan_indikator"}}),
        ("pages/peta.py", {"kota": "1671"}, {}),
    ],
    ids=["tren", "bandingkan", "peta"],
)  # fmt: skip
def test_every_select_box_of_a_chart_page_is_in_a_picker(
    app: AppFactory, page: str, params: dict[str, str], pickers: dict[str, set[str]]
) -> None:
    at = app(page=page, **params)
    found = _popovers(at)
    assert found["Kota/kabupaten: Kota Palembang"] == {"kota"}  # the sidebar's city picker
    for label, keys in pickers.items():
        assert found.get(label) == keys, sorted(found)
    inside = set().union(*found.values())
    everywhere = {w.key for w in at.selectbox}
    assert everywhere == inside, everywhere - inside  # no select box outside a picker
