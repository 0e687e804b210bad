"""The Vega renderer's process: vl-convert draws a Vega-Lite spec to SVG here, in a worker process
of its own (:mod:`dalamangka.firstpaint` starts it).

Why a process: vl-convert holds Python's interpreter lock while it draws (measured: a thread
looping beside a render did not run for up to 2.3 s). In the app's process every session would
stop for the length of each first paint (the national map: 0.66 s). A worker process draws while
the sessions run. This module imports nothing but vl-convert, so the worker starts light.
"""

from __future__ import annotations

from typing import Any

VL_VERSION = "6.4"  # the Vega-Lite Streamlit 1.67 bundles (6.4.0)


def svg(spec: dict[str, Any]) -> str:
    """The spec drawn by Vega (vl-convert) as one SVG document."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(spec, vl_version=VL_VERSION))
