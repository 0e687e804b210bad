"""CSV of the table shown: exactly its figures (the XLSX downloads: tests/test_downloads.py)."""

from __future__ import annotations

import io

import duckdb
import pandas as pd

from dalamangka import export, fmt, sql, trends


def shown(tiny: duckdb.DuckDBPyConnection, lang: str = "id") -> trends.Shown:
    rows = sql.run(tiny, "trend_series", indicator="ipm", kodes=["1275", "2172", "3375"])
    grid = trends.frame(rows, "ipm", lang)
    table = trends.search_sort(trends.summary(grid, 2), "", "nilai_akhir")
    return trends.shown_table(table, "indeks", 2, lang, "index" if lang == "en" else "indeks")


def assert_same_figures(display: pd.DataFrame, exported: pd.DataFrame, lang: str) -> None:
    assert list(display.columns) == list(exported.columns)
    assert len(display) == len(exported)
    for col in display.columns:
        for d, e in zip(display[col], exported[col], strict=True):
            if isinstance(e, float) or (not isinstance(e, str) and pd.isna(e)):
                decimals = (
                    len(d.split("," if lang == "id" else ".")[1]) if d[-1].isdigit() and "," in d else 2
                )
                assert d == fmt.number(None if pd.isna(e) else float(e), decimals, lang), (col, d, e)
            else:
                assert d == str(e), (col, d, e)


def test_csv_is_the_table_shown(tiny: duckdb.DuckDBPyConnection) -> None:
    s = shown(tiny)
    data = export.csv_bytes(s.export)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == list(s.display.columns)
    assert_same_figures(s.display, back, "id")


def test_empty_table_exports_headers_only() -> None:
    s = trends.shown_table(pd.DataFrame(), "persen", 2, "id")
    back = pd.read_csv(io.BytesIO(export.csv_bytes(s.export)), encoding="utf-8-sig")
    assert back.empty and "Wilayah" in back.columns
