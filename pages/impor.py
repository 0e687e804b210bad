"""Placeholder until this page is built (see the issue that owns it)."""

import streamlit as st

from dalamangka import ui
from dalamangka.i18n import COMMON

ctx = ui.context()
st.title(COMMON("page_impor", ctx.lang))
st.info(COMMON("coming_soon", ctx.lang))
