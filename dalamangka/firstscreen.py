"""A chart page's first screen in the page shell: the phone sees the chart before Streamlit has
started (issue 14).

On the phone profile Streamlit's front end needs ~3.5 s before it asks the server for anything
(its JavaScript: ~1 s of module evaluation on a 4x slower CPU), and a chart page's elements then
take another 2-3 s of React rendering before the chart's first paint shows. The floor (a
one-metric app) pays the first part too. So ``serve``'s page shell (:mod:`dalamangka.serve`)
carries this page's *first screen* in its HTML: the heading, the message, the chart's first paint
and its source, as the page draws them, shown on a narrow screen over the page until the app has
drawn its own chart. It is the same picture (:mod:`dalamangka.firstpaint`: Vega's own rendering
of the page's spec), so the figures are the page's own.

Where a first screen comes from: a session's *first* script run of a chart page records one for
the URL the browser opened (no widget state and no earlier choice exist yet, so that URL alone
decided the view), into ``<root>/w-<warehouse stamp and date>/<key>.html`` (written whole: a temporary
file renamed). ``serve`` points ``<root>/current`` at the folder of the warehouse file on disk
now (:func:`point`, every quarter second), and Caddy's ``templates`` put ``current/<key>.html``
into the shell (:data:`SHELL_TEMPLATE`): a first screen of an older warehouse is never served,
and one recorded by a run that saw the warehouse change is not written at all. The key is the
SHA-256 of the page and the query string exactly as the browser sent it (:func:`key`). Anything
missing (no first screen yet for this URL, a wide screen, an old browser) shows nothing: the page
loads as before. Measured in docs/benchmarks.md.

No Streamlit here (nor anything heavy: ``serve`` imports it); :mod:`dalamangka.ui.screen` is the
glue.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html as _html
import os
import shutil
import tempfile
from pathlib import Path

ENV = "DALAMANGKA_FIRSTSCREEN"  # the root folder; set by ``serve`` and the front door (unset: none)
CURRENT = "current"  # the symlink Caddy serves from
NARROW_MAX = 640  # px: the widest screen a first screen, and a chart's first paint, is shown on


def is_phone(user_agent: str, mobile_hint: str = "") -> bool:
    """Whether a browser says it is a phone: ``Sec-CH-UA-Mobile: ?1`` (Chromium, on secure origins)
    or ``Mobi`` in its User-Agent (every phone browser; MDN's advice). A phone gets a first screen
    and a chart's first paint; a desktop or tablet draws the page itself, and is sent neither."""
    return mobile_hint.strip() == "?1" or "Mobi" in user_agent


TIMEOUT_S = 25  # the first screen gives way to the page after this long, whatever happens
WAIT = {"id": "Memuat halaman interaktif …", "en": "Loading the interactive page …"}
# at most this many first screens per warehouse (a few KB to ~0.4 MB each): a province's server
# opened at every possible URL stops recording rather than fill its disk (the pages still load)
MAX_ENTRIES = 5000


def root() -> Path | None:
    """The first screens' folder (:data:`ENV`: set by ``serve`` for its replicas, and by the
    front door of ``streamlit run app.py`` for its own process, :mod:`dalamangka.front`), or
    None: not recorded (AppTest, the test suite)."""
    folder = os.environ.get(ENV, "").strip()
    return Path(folder) if folder else None


def stamp(warehouse: Path) -> str | None:
    """The warehouse file's identity (inode, mtime, size) and today's date: a new file (build or
    import) has a new stamp, and so has a new day (a card's "tertinggal N rilis" and the
    Kualitas year are counted from today: yesterday's first screen is never served). None when
    the file is not there."""
    try:
        st = warehouse.stat()
    except OSError:
        return None
    return f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}-{dt.date.today():%Y%m%d}"


def key(page: str, raw_query: str) -> str:
    """The first screen's file name for ``page`` (the URL's last path segment) opened with the
    query string ``raw_query`` exactly as the browser sent it: the first 32 hex digits of the
    SHA-256 of ``page?raw_query``, as the shell's template computes it (:data:`SHELL_TEMPLATE`)."""
    return hashlib.sha256(f"{page}?{raw_query}".encode()).hexdigest()[:32]


# as Streamlit 1.67 draws them at 390 px (measured in Chromium): headings' size (rem), weight
# and padding per level; text #111111 (.streamlit/config.toml), captions at 60 % of it, 14 px;
# the tab row 40 px high
HEADING = {1: (2.75, 700, "1.25rem 0 1rem"), 2: (2.25, 600, "1rem 0 1rem"), 3: (1.75, 600, ".75rem 0 1rem"),
           4: (1.5, 600, ".5rem 0 1rem")}  # fmt: skip
LEVELS = tuple(HEADING)
CSS = (
    "<style>"
    f"#kda-layar{{display:none}}@media (max-width:{NARROW_MAX}px){{#kda-layar{{display:block}}}}"
    "#kda-layar{position:fixed;inset:0;z-index:1000010;background:#fff;overflow:auto;"
    "padding:3.5rem 1rem 2rem;box-sizing:border-box;font-family:'Source Sans',sans-serif;"
    "color:#111111;font-size:1rem;line-height:1.6}"
    "#kda-layar .kda-l-h{line-height:1.2;margin:0}"
    "#kda-layar .kda-l-m{margin:0 0 1rem}#kda-layar .kda-l-muted{color:rgba(17,17,17,.6)}"
    "#kda-layar .kda-l-small{font-size:.875rem;line-height:1.5}"
    "#kda-layar .kda-l-tabs{display:flex;gap:1rem;height:40px;align-items:center;font-size:.875rem;"
    "border-bottom:2px solid rgba(49,51,63,.1);margin:0 0 1rem;white-space:nowrap;overflow:hidden}"
    "#kda-layar .kda-l-tabs span{line-height:38px}"
    "#kda-layar .kda-l-tabs .on{color:#0b5394;border-bottom:2px solid #0b5394}"
    "#kda-layar img.kda-fp{display:block;width:100%;height:auto;margin:0 0 .5rem}"
    "#kda-layar .kda-l-s{font-size:.875rem;color:rgba(17,17,17,.6);margin:.25rem 0 0}"
    "#kda-layar .kda-l-w{font-size:.875rem;color:#0b5394;margin:.75rem 0 0}"
    "#kda-layar .kda-l-card{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;"
    "padding:calc(1rem - 1px);margin:0 0 1rem}"
    "</style>"
)


def _text(text: str) -> str:
    """Text for the shell's HTML: whitespace collapsed, escaped."""
    return _html.escape(" ".join(str(text).split()))


def entry_html(
    heading: str,
    message: str,
    img: str,
    source: str,
    lang: str,
    level: int = 1,
    muted: bool = False,
    small: bool = False,
    heading_rem: float | None = None,
    top_rem: float = 3.5,
    tabs: tuple[str, ...] = (),
    open_tab: int = 0,
    extra: str = "",
) -> str:
    """What the shell shows, laid out as the page draws it on a phone: the heading (``<h{level}>``,
    Streamlit's size for that level unless ``heading_rem``, then without padding, as a page that
    shrinks its title), the message (grey when ``muted``, caption-sized when ``small``), the tab
    row (``tabs``, ``open_tab`` the open one), the chart's first paint ``img``
    (:func:`dalamangka.firstpaint.tidy`; or Ringkasan's first cards, :mod:`dalamangka.cardhtml`),
    the source line and a line saying the interactive page is on its way; ``top_rem``: the space
    above, as the page's; ``extra``: the page's own HTML between the message and the tabs
    (Kualitas: its summary table). Text is escaped; ``img`` and ``extra`` are our own HTML."""
    if level not in HEADING:
        raise ValueError(f"heading level {level}")
    size, weight, pad = HEADING[level]
    if heading_rem is not None:
        size, pad = heading_rem, "0 0 .5rem"
    src_label = "Sumber" if lang != "en" else "Source"
    parts = [CSS, f"<style>#kda-layar{{padding-top:{top_rem:g}rem}}</style>"]
    if heading.strip():
        style = f"font-size:{size:g}rem;font-weight:{weight};padding:{pad}"
        parts.append(f'<h{level} class="kda-l-h" style="{style}">{_text(heading)}</h{level}>')
    if message.strip():
        cls = "kda-l-m" + " kda-l-muted" * (muted or small) + " kda-l-small" * small
        parts.append(f'<p class="{cls}">{_text(message)}</p>')
    parts.append(extra)
    if tabs:
        labels = "".join(
            f"<span{' class=on' * (i == open_tab)}>{_text(t)}</span>" for i, t in enumerate(tabs)
        )
        parts.append(f'<div class="kda-l-tabs" aria-hidden="true">{labels}</div>')
    parts.append(img)
    if source.strip():
        parts.append(f'<p class="kda-l-s">{src_label}: {_text(source)}</p>')
    parts.append(f'<p class="kda-l-w" role="status">{WAIT.get(lang, WAIT["id"])}</p>')
    return "".join(parts)


def folder_of(base: Path, warehouse_stamp: str) -> Path:
    return base / f"w-{warehouse_stamp}"


def record(
    base: Path, warehouse: Path, run_stamp: str | None, page: str, raw_query: str, html: str
) -> Path | None:
    """Write the first screen of ``page`` opened with ``raw_query`` (``html``: :func:`entry_html`)
    for the warehouse of ``run_stamp`` (the stamp when the run began). Nothing is written when
    the warehouse on disk is no longer that one (an import during the run: the view may mix
    both). Returns the file written, or None."""
    if run_stamp is None or stamp(warehouse) != run_stamp or not page:
        return None
    folder = folder_of(base, run_stamp)
    target = folder / f"{key(page, raw_query)}.html"
    with contextlib.suppress(FileNotFoundError):
        if not target.exists() and sum(1 for _ in os.scandir(folder)) >= MAX_ENTRIES:
            return None
    data = f'<div id="{BOX}" aria-busy="true">{html}</div>'
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".entry-")
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would keep it from a Caddy run as another user
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, target)
    except OSError:  # a full or read-only disk: no first screen, the page loads as before
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return None
    return target


def point(base: Path, warehouse: Path) -> str | None:
    """Point ``<base>/current`` at the first screens of the warehouse file on disk now (a new,
    empty folder for a new file; none at all when the file is missing), and remove the folders
    of older files. Returns the stamp pointed at. Safe to call often (one ``stat`` when nothing
    changed)."""
    now = stamp(warehouse)
    link = base / CURRENT
    target = folder_of(base, now).name if now is not None else None
    with contextlib.suppress(OSError):
        if target is not None and os.readlink(link) == target:
            return now
    base.mkdir(parents=True, exist_ok=True)
    if target is None:
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
    else:
        (base / target).mkdir(exist_ok=True)
        tmp = base / f".current-{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        tmp.symlink_to(target)
        os.replace(tmp, link)  # atomic: Caddy opens either the old folder or the new one
    for old in base.glob("w-*"):
        if old.name != target:
            shutil.rmtree(old, ignore_errors=True)
    return now


BOX = "kda-layar"
TEMPLATE_ID = "kda-layar-t"
# Right after the shell's <body>: Caddy's ``templates`` (Go text/template with Sprig; its root is
# ``<root>/current``) puts the file of this URL here, inside an inert <template> (an unprocessed
# shell shows nothing, and the picture is not decoded until the script below takes it).
# ``.OriginalReq``: the URL the browser asked for (the shell's route rewrites the request).
SHELL_TEMPLATE = (
    f'<template id="{TEMPLATE_ID}">'
    '{{$k := printf "%s?%s" (base .OriginalReq.URL.Path) .OriginalReq.URL.RawQuery'
    ' | sha256sum | trunc 32 | printf "/%s.html"}}'
    "{{if fileExists $k}}{{readFile $k}}{{end}}</template>"
)
# After it: on a narrow screen, show the first screen over the page until the app has drawn a
# chart (its own first paint or the interactive chart), has finished its run without one and
# drawn every element (no skeleton left), shows an error or a dialog, or TIMEOUT_S have passed.
# ES5 + MutationObserver; anything missing: nothing.
SHELL_SCRIPT = (
    "<script>(function(){try{"
    f'var t=document.getElementById("{TEMPLATE_ID}");'
    "if(!t||!t.content||!window.matchMedia||!window.MutationObserver"
    f'||!matchMedia("(max-width:{NARROW_MAX}px)").matches)return;'
    f'var box=t.content.querySelector("#{BOX}");if(!box)return;document.body.appendChild(box);'
    "var mo,t0=Date.now(),ran=false,queued=false;"
    'var DRAWN="#root img.kda-fp,#root .vega-embed svg,#root .vega-embed canvas,'
    '#root .js-plotly-plot .main-svg,#root .kda-hc-value";'
    'var STOP="#root [role=dialog],#root [data-testid=stException]";'
    'var SKEL="#root [data-testid=stMain] [data-testid=stSkeleton]";'
    "function gone(){if(mo)mo.disconnect();if(box&&box.parentNode)box.parentNode.removeChild(box);box=null}"
    "function check(){queued=false;if(!box)return;"
    f"if(Date.now()-t0>{TIMEOUT_S * 1000}||document.querySelector(STOP))return gone();"
    "var d=document.querySelectorAll(DRAWN);"
    "for(var j=0;j<d.length;j++)if(d[j].getClientRects().length)return gone();"
    'var app=document.querySelector("#root [data-testid=stApp]");'
    'var st=app&&app.getAttribute("data-test-script-state");'
    'if(st==="running")ran=true;else if(ran&&st==="notRunning"&&!document.querySelector(SKEL))'
    "setTimeout(gone,300)}"
    "function later(){if(!queued){queued=true;requestAnimationFrame(check)}}"
    "mo=new MutationObserver(later);mo.observe(document.documentElement,{subtree:true,childList:true,"
    'attributes:true,attributeFilter:["data-test-script-state","style","class"]});'
    f"setTimeout(check,{TIMEOUT_S * 1000 + 50})"
    "}catch(e){}})();</script>"
)
