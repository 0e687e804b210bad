"""A page shaped like ours, built from Streamlit's own elements only, for the desktop first-view
benchmark (bench/bench_desktop.py): what Streamlit itself costs for a chart page's parts.

SYNTHETIC figures and names (benchmark only, never shown as data). ``?w=`` lists the parts,
joined by ``_``: ``floor`` (one metric: Streamlit's floor, nothing else), ``text`` (a title,
three tabs and 15 captions), ``sel`` (a selectbox of 3), ``pills``, ``button``, ``pop`` (a
popover), ``radio``, ``sb`` (a sidebar with a language radio and a 514-option selectbox, as
ours). Every page but the floor draws one small Vega-Lite line chart.

    streamlit run bench/apps/shape.py   # then /?w=text_sel
"""

from __future__ import annotations

import streamlit as st

parts = set(st.query_params.get("w", "").split("_"))
if "floor" in parts:
    st.metric("Sintetis", "1.234")
    st.stop()
if "sb" in parts:
    with st.sidebar:
        st.radio("Bahasa", ["Bahasa Indonesia", "English"], horizontal=True)
        st.selectbox("Kota", [f"Sintetis {i}" for i in range(514)])
if "text" in parts:
    st.title("Sintetis")
    st.tabs(["Grafik", "Peta", "Tabel"])
years = range(2010, 2022)
rows = [
    {"tahun": y, "seri": k, "nilai": 50 + i * (1 + n)}
    for n, k in enumerate("ABC")
    for i, y in enumerate(years)
]
st.vega_lite_chart(
    {
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "tahun", "type": "ordinal"},
            "y": {"field": "nilai", "type": "quantitative"},
            "color": {"field": "seri", "type": "nominal"},
        },
        "height": 300,
    },
    width="stretch",
)
if "sel" in parts:
    st.selectbox("Indikator", ["Sintetis A", "Sintetis B", "Sintetis C"])
if "pills" in parts:
    st.pills("Kelompok", ["A", "B", "C", "D"], default="A")
if "radio" in parts:
    st.radio("Mode", ["A", "B"], horizontal=True)
if "button" in parts:
    st.button("Tambah")
if "pop" in parts:
    with st.popover("Pengaturan"):
        st.multiselect("Sintetis", ["A", "B"])
if "text" in parts:
    for i in range(15):
        st.caption(f"Catatan sintetis nomor {i}.")
