"""Kota Dalam Angka: the logic behind the dashboard (warehouse, queries, formatting, charts).

Nothing here imports Streamlit except the UI-glue package :mod:`dalamangka.ui`.
"""

__version__ = "0.1.0"
