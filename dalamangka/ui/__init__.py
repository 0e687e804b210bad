"""The Streamlit glue, the only part of the package that imports Streamlit (import-linter).

- :mod:`.data`: connection, cached queries, shapes, memo, quality report (data and caching)
- :mod:`.widgets`: sidebar, page context, source line, "Tentang data" panel
- :mod:`.vegamapchart`: the clickable (Vega-Lite) map chart
- :mod:`.player`: Presentasi glue (session deck, add-to-deck button, slide player)
- :mod:`.urlstate`: the URL as the source of truth (decode once per run, write canonical codes)
- :mod:`.pageviews`: the chart pages' views as built by the pages and by ``serve``'s warm-up
- :mod:`.draw`: drawing a view (figure dispatch: plotly or Vega-Lite), lazy tabs (``tab=``)
- :mod:`.grouppicker`: the comparison-group picker (``grup=``) of Tren and Bandingkan
- :mod:`.screen`: a chart page's first screen for ``serve``'s page shell (from a first run)
- :mod:`.router`: page paths as direct links (root page, Streamlit's legacy ``pages/`` router)
- :mod:`.notes`: the FGD notes glue (note form, markers, status desk, room view, minutes)
- :mod:`.demografi`: the age-structure and two-series blocks, the Peta "2010 / newest" switch

Pages import the last two as modules (``from dalamangka.ui import notes as ui_notes``; not
re-exported, so a page without notes does not load them).

Pages use ``from dalamangka import ui`` and the names re-exported here.
"""

from dalamangka.ui.data import (
    connection,
    ensure_warehouse,
    memo,
    quality_report,
    query,
    settle_heap_once,
    shapes,
)
from dalamangka.ui.draw import compact_top, draw_figure, draw_view, lazy_tabs, link_line, notices, on_demand
from dalamangka.ui.grouppicker import group_picker
from dalamangka.ui.pageviews import bandingkan_view, kecamatan_map, peta_view, ringkasan_view, tren_view
from dalamangka.ui.player import (
    add_to_deck_button,
    current_view,
    edit_session_deck,
    phone_view,
    play_deck,
    public_base,
    room_notice,
    session_deck,
    set_session_deck,
    share_key,
)
from dalamangka.ui.router import resolve_path, root_page
from dalamangka.ui.screen import begin_run, set_page
from dalamangka.ui.screen import header as first_screen
from dalamangka.ui.screen import record as record_first_screen
from dalamangka.ui.urlstate import bind, set_param, write_url
from dalamangka.ui.vegamapchart import vega_map_chart
from dalamangka.ui.widgets import (
    Context,
    about_of,
    about_panel,
    choices,
    context,
    login_form,
    picker,
    ranked_list,
    sidebar,
    source_line,
)

__all__ = [
    "Context",
    "about_of",
    "about_panel",
    "add_to_deck_button",
    "bandingkan_view",
    "begin_run",
    "bind",
    "choices",
    "compact_top",
    "connection",
    "context",
    "current_view",
    "draw_figure",
    "draw_view",
    "edit_session_deck",
    "ensure_warehouse",
    "first_screen",
    "group_picker",
    "kecamatan_map",
    "lazy_tabs",
    "link_line",
    "login_form",
    "memo",
    "notices",
    "on_demand",
    "peta_view",
    "phone_view",
    "picker",
    "play_deck",
    "public_base",
    "quality_report",
    "query",
    "ranked_list",
    "record_first_screen",
    "resolve_path",
    "ringkasan_view",
    "room_notice",
    "root_page",
    "session_deck",
    "set_page",
    "set_param",
    "set_session_deck",
    "settle_heap_once",
    "shapes",
    "share_key",
    "sidebar",
    "source_line",
    "tren_view",
    "vega_map_chart",
    "write_url",
]
