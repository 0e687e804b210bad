"""A tiny Streamlit app for the "heavy elements" benchmark: what one element adds to a first view.

SYNTHETIC table (benchmark only). ``?e=`` one of: floor (one metric), dataframe, table, code,
markdown_link (a link as Markdown, the light way), tabs_eager (st.dataframe in a hidden tab, the
default tabs), tabs_lazy (the same tab with ``on_change="rerun"``: its content runs only when open).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

element = st.query_params.get("e", "floor")
frame = pd.DataFrame(
    {"kota": [f"Sintetis {i:02d}" for i in range(20)], "nilai": [i * 1.5 for i in range(20)]}
)
st.metric("Sintetis", "1.234")
if element == "dataframe":
    st.dataframe(frame)
elif element == "table":
    st.table(frame)
elif element == "code":
    st.code("http://127.0.0.1:8501/tren?kota=1275&ind=ipm", language=None)
elif element == "markdown_link":
    st.markdown(
        "[http://127.0.0.1:8501/tren?kota=1275&ind=ipm](http://127.0.0.1:8501/tren?kota=1275&ind=ipm)"
    )
elif element in ("tabs_eager", "tabs_lazy"):
    kw = {"key": "tab", "on_change": "rerun"} if element == "tabs_lazy" else {}
    grafik, tabel = st.tabs(["Grafik", "Tabel"], **kw)
    with grafik:
        st.write("Grafik di sini")
    if tabel.open is not False:  # None (eager tabs: state not tracked) or True (open)
        with tabel:
            st.dataframe(frame)
