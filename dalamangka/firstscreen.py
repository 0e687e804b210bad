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
decided the view), into ``<root>/w-<warehouse stamp>/<key>.html`` (written whole: a temporary
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
import hashlib
import html as _html
import os
import shutil
import tempfile
from pathlib import Path

ENV = "DALAMANGKA_FIRSTSCREEN"  # the root folder; set by ``serve`` (unset: nothing recorded)
CURRENT = "current"  # the symlink Caddy serves from
NARROW_MAX = 640  # px: as :data:`dalamangka.firstpaint.NARROW_MAX` (the picture's own limit)
TIMEOUT_S = 25  # the first screen gives way to the page after this long, whatever happens
WAIT = {"id": "Memuat halaman interaktif …", "en": "Loading the interactive page …"}
LEVELS = (1, 2, 3, 4)


def root() -> Path | None:
    """The first screens' folder (:data:`ENV`), or None: not recorded (a laptop's ``streamlit run``)."""
    folder = os.environ.get(ENV, "").strip()
    return Path(folder) if folder else None


def stamp(warehouse: Path) -> str | None:
    """The warehouse file's identity (inode, mtime, size): a new file (build or import) has a
    new stamp. None when the file is not there."""
    try:
        st = warehouse.stat()
    except OSError:
        return None
    return f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"


def key(page: str, raw_query: str) -> str:
    """The first screen's file name for ``page`` (the URL's last path segment) opened with the
    query string ``raw_query`` exactly as the browser sent it: the first 32 hex digits of the
    SHA-256 of ``page?raw_query``, as the shell's template computes it (:data:`SHELL_TEMPLATE`)."""
    return hashlib.sha256(f"{page}?{raw_query}".encode()).hexdigest()[:32]


CSS = (
    "<style>"
    f"#kda-layar{{display:none}}@media (max-width:{NARROW_MAX}px){{#kda-layar{{display:block}}}}"
    "#kda-layar{position:fixed;inset:0;z-index:1000010;background:#fff;overflow:auto;"
    "padding:3.5rem 1rem 2rem;box-sizing:border-box;font-family:'Source Sans',sans-serif;"
    "color:rgb(49,51,63);font-size:1rem;line-height:1.6}"
    "#kda-layar .kda-l-h{font-weight:700;line-height:1.2;margin:0 0 .5rem;padding:0}"
    "#kda-layar h1.kda-l-h{font-size:1.75rem}#kda-layar h2.kda-l-h{font-size:1.5rem}"
    "#kda-layar h3.kda-l-h{font-size:1.25rem;font-weight:600}"
    "#kda-layar h4.kda-l-h{font-size:1.125rem;font-weight:600}"
    "#kda-layar .kda-l-m{margin:0 0 .75rem}#kda-layar .kda-l-muted{color:rgba(49,51,63,.6)}"
    "#kda-layar img.kda-fp{display:block;width:100%;height:auto;margin:.5rem 0}"
    "#kda-layar .kda-l-s{font-size:.875rem;color:rgba(49,51,63,.6);margin:.25rem 0 0}"
    "#kda-layar .kda-l-w{font-size:.875rem;color:#0b5394;margin:.75rem 0 0}"
    "</style>"
)


def _text(text: str) -> str:
    """Text for the shell's HTML: whitespace collapsed, escaped."""
    return _html.escape(" ".join(str(text).split()))


def entry_html(
    heading: str, message: str, img: str, source: str, lang: str, level: int = 1, muted: bool = False
) -> str:
    """What the shell shows: the page's heading (``<h{level}>``) and message as the page draws
    them, the chart's first paint ``img`` (:func:`dalamangka.firstpaint.tidy`), the source line and
    a line saying the interactive page is on its way. Text is escaped; ``img`` is ours."""
    if level not in LEVELS:
        raise ValueError(f"heading level {level}")
    src_label = "Sumber" if lang != "en" else "Source"
    parts = [CSS]
    if heading.strip():
        parts.append(f'<h{level} class="kda-l-h">{_text(heading)}</h{level}>')
    if message.strip():
        parts.append(f'<p class="kda-l-m{" kda-l-muted" * muted}">{_text(message)}</p>')
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
# chart (its own first paint or the interactive chart), has finished its run without one, shows
# an error or a dialog, or TIMEOUT_S have passed. ES5 + MutationObserver; anything missing: nothing.
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
    "function gone(){if(mo)mo.disconnect();if(box&&box.parentNode)box.parentNode.removeChild(box);box=null}"
    "function check(){queued=false;if(!box)return;"
    f"if(Date.now()-t0>{TIMEOUT_S * 1000}||document.querySelector(STOP))return gone();"
    "var d=document.querySelectorAll(DRAWN);"
    "for(var j=0;j<d.length;j++)if(d[j].getClientRects().length)return gone();"
    'var app=document.querySelector("#root [data-testid=stApp]");'
    'var st=app&&app.getAttribute("data-test-script-state");'
    'if(st==="running")ran=true;else if(ran&&st==="notRunning")setTimeout(gone,300)}'
    "function later(){if(!queued){queued=true;requestAnimationFrame(check)}}"
    "mo=new MutationObserver(later);mo.observe(document.documentElement,{subtree:true,childList:true,"
    'attributes:true,attributeFilter:["data-test-script-state","style","class"]});'
    f"setTimeout(check,{TIMEOUT_S * 1000 + 50})"
    "}catch(e){}})();</script>"
)
