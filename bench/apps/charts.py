"""A tiny Streamlit app for the renderer benchmark: one small line and one small bar chart.

SYNTHETIC figures (benchmark only, never shown as data): three made-up series over 12 years and
ten made-up bars. ``?r=plotly`` draws them with plotly, ``?r=vega`` with Streamlit's built-in
Vega-Lite (``st.vega_lite_chart`` with a spec dict), ``?r=floor`` draws one metric (the floor).

    streamlit run bench/apps/charts.py
"""

from __future__ import annotations

import streamlit as st

renderer = st.query_params.get("r", "vega")
years = list(range(2010, 2022))
series = {
    f"Sintetis {k}": [50 + i * (1 + n) + (i % 3) for i in range(len(years))] for n, k in enumerate("ABC")
}
bars = {f"Sintetis {i:02d}": 30 + 7 * i for i in range(10)}

if renderer == "floor":
    st.metric("Sintetis", "1.234")
elif renderer == "plotly":
    import plotly.graph_objects as go

    line = go.Figure([go.Scatter(x=years, y=v, name=k, mode="lines+markers") for k, v in series.items()])
    line.update_layout(height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10}, separators=",.")
    st.plotly_chart(line, config={"displayModeBar": False})
    bar = go.Figure(go.Bar(x=list(bars.values()), y=list(bars), orientation="h"))
    bar.update_layout(height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10}, separators=",.")
    st.plotly_chart(bar, config={"displayModeBar": False})
else:
    rows = [{"tahun": y, "kota": k, "nilai": v[i]} for k, v in series.items() for i, y in enumerate(years)]
    st.vega_lite_chart(
        {
            "data": {"values": rows},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "tahun", "type": "ordinal"},
                "y": {"field": "nilai", "type": "quantitative"},
                "color": {"field": "kota", "type": "nominal"},
            },
            "height": 300,
        }
    )
    st.vega_lite_chart(
        {
            "data": {"values": [{"kota": k, "nilai": v} for k, v in bars.items()]},
            "mark": "bar",
            "encoding": {
                "y": {"field": "kota", "type": "nominal", "sort": "-x"},
                "x": {"field": "nilai", "type": "quantitative"},
            },
            "height": 300,
        }
    )
