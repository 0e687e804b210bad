"""Kota Dalam Angka: the logic behind the dashboard (warehouse, queries, formatting, charts).

Nothing here imports Streamlit except :mod:`dalamangka.ui`, the one UI-glue module.
"""

__version__ = "0.1.0"
