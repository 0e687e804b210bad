"""One view builder per page, shared by the page and the Presentasi slide.

Each page module here has ``build(common, state, fetch, **hooks) -> View``:

- ``common`` (:class:`dalamangka.state.Common`): region code and language;
- ``state``: the page's frozen dataclass from :mod:`dalamangka.state` (decoded from the URL);
- ``fetch(query_name, **params) -> DataFrame``: :func:`dalamangka.ui.query` in the app,
  ``sql.run`` on a connection in tests, the example-deck generator and the offline pack.

A :class:`View` is everything a page or a slide draws: the page heading, the view's title and
key message, the figure (a plotly Figure or a Vega-Lite spec dict, made lazily), the source
line, a table, notes, the resolved state (defaults filled in: the URL is rewritten to it) and
the options of the page's pickers. Pages draw it with :func:`dalamangka.ui.draw_view` (choices
-> build -> draw); the deck player draws the same View as a slide. No Streamlit here
(import-linter contract).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dalamangka.state import Common

Fetch = Callable[..., pd.DataFrame]
Figure = Any  # plotly.graph_objects.Figure or a Vega-Lite spec (dict)


@dataclass
class View:
    """One view of one page, ready to draw (see the module docstring)."""

    page: str
    common: Common
    state: Any
    heading: str = ""  # the page's H1 ("Tren Kota Medan")
    title: str = ""  # the view's own title (a slide's default title)
    message: str = ""  # the key message, one sentence from the figures
    source: str = ""  # "S01 ..." citation, printed under the figure
    make_figure: Callable[[], Figure] | None = None
    fingerprint: str = ""  # same fingerprint, same figure (the page caches by it)
    cards: list[Any] = field(default_factory=list)  # Ringkasan: headline.Card list
    table: pd.DataFrame | None = None
    empty: str = ""  # why there is no figure (no data), shown in its place
    notes: list[str] = field(default_factory=list)  # captions under the figure
    infos: list[str] = field(default_factory=list)  # notes that need attention (series break, ...)
    warnings: list[str] = field(default_factory=list)  # caveats the reader must not miss
    notices: list[str] = field(default_factory=list)  # link values that were not used, and why
    options: dict[str, list[Any]] = field(default_factory=dict)  # picker options by state field
    labels: dict[str, dict[Any, str]] = field(default_factory=dict)  # option labels by field
    extra: dict[str, Any] = field(default_factory=dict)  # page-specific parts (frames for tables)
    _figure: Figure = None

    @property
    def figure(self) -> Figure:
        """The figure, made once (None when the view has none)."""
        if self._figure is None and self.make_figure is not None:
            self._figure = self.make_figure()
        return self._figure

    @property
    def kind(self) -> str:
        """What the view shows: ``figure``, ``cards`` or ``note``."""
        if self.make_figure is not None:
            return "figure"
        return "cards" if self.cards else "note"


def figure_data(fig: Figure) -> list[dict[str, Any]]:
    """The data of a figure, comparable between a page and a slide: plotly traces' x/y/z/
    locations/names, or a Vega-Lite spec's inline values."""
    if isinstance(fig, dict):
        data = fig.get("data", {})
        return [dict(data)] if isinstance(data, dict) else []
    out = []
    for trace in fig.data:
        d = trace.to_plotly_json()
        out.append({k: _plain(d.get(k)) for k in ("type", "name", "x", "y", "z", "locations") if k in d})
    return out


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, tuple):
        return list(value)
    return value


def bad_value(param: str, value: object, shown: str, lang: str) -> str:
    """A notice for a link value the data does not have (decoded fine, but not on this page)."""
    from dalamangka.state import TEXT, quote

    return TEXT("bad_value", lang, value=quote(value), param=param, shown=shown)
