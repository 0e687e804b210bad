"""Kota Dalam Angka: the page registry and the shared sidebar (nothing else lives here)."""

import streamlit as st

from dalamangka import ui
from dalamangka.i18n import COMMON

st.set_page_config(page_title="Kota Dalam Angka", page_icon="📊", layout="wide")
ctx = ui.sidebar()
t = ctx.lang
pages = [
    st.Page("pages/ringkasan.py", title=COMMON("page_ringkasan", t), icon="🏠", url_path="ringkasan", default=True),
]
st.navigation(pages).run()
