"""A chart's first paint (dalamangka.firstpaint, issue 14): the page's own Vega-Lite spec drawn by
Vega on the server, as one ``<img>`` that a phone shows until the interactive chart has drawn."""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dalamangka import deck, firstpaint, sql, state
from tests.conftest import AppFactory

pytestmark = pytest.mark.usefixtures("first_paints")  # tests/conftest.py

WAIT = 120.0  # s: a loaded CI machine may render slowly; the page's own limit is tested below


def fetcher(con: duckdb.DuckDBPyConnection) -> deck.Fetch:
    def fetch(name: str, **params: Any) -> pd.DataFrame:
        return sql.run(con, name, **params)

    return fetch


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def img_of(block: str) -> dict[str, str | None]:
    """The attributes of the one ``<img>`` in ``block`` (after its ``<style>``)."""
    parser = Tags()
    parser.feed(block)
    imgs = [a for t, a in parser.tags if t == "img"]
    assert len(imgs) == 1
    return imgs[0]


def svg_of(img: dict[str, str | None]) -> str:
    src = img["src"] or ""
    assert src.startswith("data:image/svg+xml,")
    return unquote(src.removeprefix("data:image/svg+xml,"))


def test_tren_first_paint_is_vegas_own_picture_of_the_spec_at_phone_width(
    full: duckdb.DuckDBPyConnection,
) -> None:
    view = deck.build_view("tren", state.Common("1671"), state.Tren(ind="ipm"), deck.Env(fetcher(full), "id"))
    spec = view.figure
    assert isinstance(spec, dict)
    out = firstpaint.phone_picture(spec, view.title, wait_s=WAIT)
    assert out is not None
    img = img_of(firstpaint.block(out))
    assert img["class"] == firstpaint.CLASS and img["alt"] == view.title
    svg = svg_of(img)
    root = re.match(r"<svg[^>]*>", svg)
    assert root is not None
    # fitted as Streamlit's width="stretch" draws it: the whole chart in the phone's width and
    # the spec's height, so nothing moves when the interactive chart replaces the picture
    assert f'width="{firstpaint.PHONE_WIDTH}"' in root.group(0)
    assert f'height="{spec["height"]}"' in root.group(0) and img["height"] == str(spec["height"])
    assert "#D55E00" in svg  # the chosen city in vermillion, as on the page
    assert "2010" in svg and "2020" in svg  # the year axis, plain integers
    assert not re.search(r"\saria-[a-z]+=|\srole=", svg)  # one picture: its alt says what it is
    assert "#" not in (img["src"] or "") and ":" not in (img["src"] or "")[len("data:") :]
    assert firstpaint.phone_picture(spec, view.title, wait_s=WAIT) == out  # cached: the same picture


def test_the_national_map_has_a_first_paint_and_compositions_have_none(
    full: duckdb.DuckDBPyConnection,
) -> None:
    view = deck.build_view(
        "peta", state.Common("1275"), state.Peta(tampilan="nasional"), deck.Env(fetcher(full), "id")
    )
    assert isinstance(view.figure, dict)
    out = firstpaint.phone_picture(view.figure, view.title, wait_s=WAIT)
    assert out is not None and "<path" in svg_of(img_of(out))
    layered = {"vconcat": [{"mark": "point"}], "data": {"values": []}}
    assert firstpaint.phone_picture(layered, "x", wait_s=WAIT) is None


def test_a_spec_vega_cannot_draw_gives_no_picture_never_a_partial_one() -> None:
    bad = {"mark": "no-such-mark", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}
    assert firstpaint.phone_picture(bad, "x", wait_s=WAIT) is None
    assert (
        firstpaint.phone_picture(
            {"mark": "point", "data": {"values": [{"x": float("nan")}]}}, "x", wait_s=WAIT
        )
        is None
    )


@pytest.mark.parametrize(
    "svg",
    [
        "",
        "<svg><g/></svg>",  # no size
        '<svg width="10" height="5"><g/></svg>',  # no viewBox
        '<svg width="10" height="5" viewBox="0 0 10 5"><svg/></svg>',  # two pictures
        '<svg width="10" height="5" viewBox="0 0 10 5"><g/>',  # cut short
    ],
)
def test_tidy_refuses_anything_but_one_sized_svg(svg: str) -> None:
    assert firstpaint.tidy(svg, "x") is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=st.text(max_size=80), text=st.text(max_size=40))
def test_any_label_and_chart_text_stay_inside_the_one_image(label: str, text: str) -> None:
    """Whatever a region or indicator is called: one <img>, its alt the label (whitespace
    collapsed, ``$`` kept), the picture's text intact after the data URL."""
    from xml.sax.saxutils import escape

    head = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5" viewBox="0 0 10 5">'
    svg = f"{head}<text>{escape(text)}</text></svg>"
    out = firstpaint.tidy(svg, label)
    assert out is not None
    img = img_of(firstpaint.block(out))
    assert img["alt"] == " ".join(label.split())
    assert svg_of(img) == svg
    assert set(img) == {"class", "alt", "height", "src"}


def test_tren_page_draws_the_first_paint_before_its_chart_and_below_fold_charts_none(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(firstpaint, "WAIT_S", WAIT)
    at = app("pages/tren.py", kota="1671")
    paints = [h for h in at.get("html") if firstpaint.CLASS in h.proto.body]
    assert len(paints) == 1
    assert len(at.get("vega_lite_chart")) == 1
    at = app("pages/bandingkan.py", kota="1671")
    paints = [h for h in at.get("html") if firstpaint.CLASS in h.proto.body]
    assert len(paints) == 1  # the ranked bars; the strip and the scatter further down draw none


def bar_spec(bar: str, height: int) -> dict[str, Any]:
    """One bar, ``height`` px tall: a picture each test can tell from the others'."""
    x, y = {"field": "x", "type": "nominal"}, {"field": "y", "type": "quantitative"}
    return {
        "mark": "bar",
        "data": {"values": [{"x": bar, "y": 7}]},
        "height": height,
        "encoding": {"x": x, "y": y},
    }


def hold_renderer(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The renderer waits (up to 60 s) until the returned event is set, then draws."""
    gate = threading.Event()
    real = firstpaint._render

    def held(spec: dict[str, Any]) -> str:
        gate.wait(60)
        return real(spec)

    monkeypatch.setattr(firstpaint, "_render", held)
    return gate


def test_a_slow_picture_never_holds_the_page_back_and_is_ready_for_the_next_view(
    full: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render that takes longer than the page waits: this view gets no picture (the page draws
    the interactive chart only), the render finishes in the background, the next view has it."""
    gate = hold_renderer(monkeypatch)
    spec = bar_spec("a", 99)
    assert firstpaint.phone_picture(spec, "slow", wait_s=0.05) is None
    gate.set()
    later = firstpaint.phone_picture(spec, "slow", wait_s=WAIT)
    assert later is not None and 'height="99"' in later


def test_vega_draws_in_its_own_process_and_the_sessions_keep_running() -> None:
    """vl-convert holds the interpreter lock while it draws (a thread beside it stopped for up to
    2.3 s, measured): the renderer is a worker process, so this process's threads (the sessions)
    keep running while a slow picture (a hundred long axis labels, ~1-2 s) is drawn."""
    import os
    import threading
    import time

    rows = [{"x": i, "y": f"wilayah nomor {i} dengan nama yang sangat panjang sekali"} for i in range(100)]
    y_axis = {"field": "y", "type": "nominal", "axis": {"labelLimit": 200}}
    spec = {"mark": "point", "data": {"values": rows}, "encoding": {"x": {"field": "x"}, "y": y_axis}}
    firstpaint.phone_picture({"mark": "point", "data": {"values": [{"x": 0}]}}, "warm", wait_s=WAIT)
    done, gaps = threading.Event(), [0.0]

    def beside() -> None:
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    loop = threading.Thread(target=beside)
    loop.start()
    t0 = time.perf_counter()
    out = firstpaint.phone_picture(spec, "lambat", wait_s=WAIT)
    took = time.perf_counter() - t0
    done.set()
    loop.join()
    assert out is not None
    assert firstpaint._renderer.pid not in (None, os.getpid())  # the renderer is another process
    assert max(gaps) < max(0.25, took / 2), (max(gaps), took)


def test_a_picture_one_serve_process_drew_is_there_for_the_others(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve's replicas share their pictures (a folder named by ``DALAMANGKA_FIRSTPAINT_CACHE``):
    another process's next view gets the picture at once, never half of it, and a spec Vega
    cannot draw is not shared (this process tries it again after a restart)."""
    monkeypatch.setenv(firstpaint.SHARED_ENV, str(tmp_path / "fp"))
    spec = bar_spec("b", 77)
    drawn = firstpaint.phone_picture(spec, "dibagi", wait_s=WAIT)
    assert drawn is not None and 'height="77"' in drawn
    files = list((tmp_path / "fp").iterdir())
    assert len(files) == 1 and files[0].suffix == ".img"  # one whole picture, no temporary left
    assert files[0].read_text(encoding="utf-8") == drawn
    # "another process": an empty memory cache and a renderer that must not be asked
    monkeypatch.setattr(firstpaint, "_cache", type(firstpaint._cache)())
    monkeypatch.setattr(firstpaint, "_render", lambda spec: pytest.fail("drawn again"))
    assert firstpaint.phone_picture(spec, "dibagi", wait_s=0) == drawn
    bad = {"mark": "no-such-mark", "data": {"values": [{"x": 1}]}}
    monkeypatch.undo()
    monkeypatch.setenv(firstpaint.SHARED_ENV, str(tmp_path / "fp"))
    assert firstpaint.phone_picture(bad, "x", wait_s=WAIT) is None
    assert len(list((tmp_path / "fp").iterdir())) == 1  # no file for a spec Vega cannot draw


def test_the_renderer_process_is_light_and_started_again_after_it_died() -> None:
    """The renderer imports vl-convert only (not the app: multiprocessing would run the app's
    script again in its child, ~390 MB measured); a renderer killed mid-session is started again
    for the next picture, and a spec Vega cannot draw is an error, not a dead renderer."""
    import os
    import signal

    from dalamangka import vlrender

    r = vlrender.Renderer()
    try:
        assert "<svg" in r.svg({"mark": "point", "data": {"values": [{"x": 1}]}})
        first = r.pid
        assert first is not None
        with open(f"/proc/{first}/maps", encoding="utf-8") as f:
            loaded = f.read()
        assert "vl_convert" in loaded and "pandas" not in loaded and "streamlit" not in loaded
        with pytest.raises(vlrender.RenderError):
            r.svg({"mark": "no-such-mark"})
        assert r.pid == first  # still the same process
        os.kill(first, signal.SIGKILL)
        os.waitpid(first, 0)
        assert "<svg" in r.svg({"mark": "point", "data": {"values": [{"x": 2}]}})
        assert r.pid not in (None, first)
    finally:
        r.close()


def test_first_paints_off_draw_nothing_and_start_no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """``DALAMANGKA_FIRSTPAINT=0`` (a server no phone opens): every chart is interactive only, and
    the Vega renderer is never asked for a picture, not even to warm up."""
    asked: list[object] = []
    monkeypatch.setattr(firstpaint, "_render", lambda spec: asked.append(spec) or "<svg/>")
    monkeypatch.setattr(firstpaint, "_warming", [])
    monkeypatch.setenv(firstpaint.ENABLED_ENV, "0")
    spec = {"mark": "bar", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a"}}, "title": "x"}
    assert firstpaint.phone_picture(spec, "Dimatikan", wait_s=WAIT) is None
    firstpaint.start_warm_up()
    assert firstpaint._warming == [] and asked == []
    monkeypatch.setenv(firstpaint.ENABLED_ENV, "1")  # on again: the same call draws it
    firstpaint.start_warm_up()
    assert firstpaint._warming and firstpaint._warming[0].result(timeout=WAIT) == "<svg/>"
