"""A Ringkasan headline card as one block of HTML: year badge, name, figure, change, a sparkline
drawn as inline SVG, ranks, the sentence, the source line and its "Tentang data" panel as a
native ``<details>`` disclosure (:func:`about`) (issue 14).

Why not ``st.metric`` with a ``st.badge`` and captions around it: on a phone each card was about
ten Streamlit elements, and a metric waits for its own JavaScript and, for its sparkline, for
Vega's; the first figure of the leaders' page appeared about 2.7 s after the page's heading on the
phone profile. One markdown block per card is drawn with the heading (measured: first figure at
the heading's time). The page draws this with ``st.markdown(..., unsafe_allow_html=True)``:

- every text is escaped here (:func:`html.escape`, and ``$`` so it never reads as math);
- the block is one line with no blank line, so CommonMark keeps it one raw HTML block and never
  reads markdown inside it;
- the sparkline spaces its points by year (a missing year is a wider gap, never interpolated
  silently: the line is broken there) and is described for screen readers.

Pure: no Streamlit, tested on real cards.
"""

from __future__ import annotations

from collections.abc import Sequence

from dalamangka import fmt, quality
from dalamangka.about import TEXT as ABOUT
from dalamangka.about import AboutPanel
from dalamangka.headline import Card
from dalamangka.i18n import COMMON, Text

TEXT = Text(
    {
        "spark": (
            "Grafik garis {name}, {first}–{last}: {n} angka tahunan",
            "Line chart of {name}, {first}–{last}: {n} yearly figures",
        ),
        "series": ("Seri: {name}", "Series: {name}"),
        "up": ("naik", "up"),
        "down": ("turun", "down"),
        "metadata_link": (
            "Metadata MS-Indikator lengkap: Katalog metadata",
            "Full MS-Indikator metadata: metadata catalogue",
        ),
    }
)

# badge colours of the year's age (headline._badge): text and background with contrast >= 4.5:1
BADGE = {
    "green": ("#0b5d1e", "#e3f4e6"),
    "orange": ("#8a3b00", "#fdeedd"),
    "red": ("#a1120b", "#fde7e5"),
    "gray": ("#31333f", "#eef0f4"),
    "blue": ("#0b3d91", "#e3ecfb"),
    "violet": ("#5b2a86", "#f1e8fb"),
}
GOOD, BAD, NEUTRAL = "#0b6e2a", "#b3261e", "#555a66"  # change colours (text on white, >= 4.5:1)

CSS = (
    "<style>"
    ".kda-hc{line-height:1.35;color:inherit}"
    ".kda-hc-top,.kda-about-top{display:flex;flex-wrap:wrap;gap:.35rem;margin-bottom:.35rem}"
    ".kda-hc-badge,.kda-about-badge{font-size:.82rem;border-radius:.5rem;padding:.05rem .5rem;"
    "font-weight:600}"
    ".kda-hc-name{font-size:.95rem;margin:0}"
    ".kda-hc-value{font-size:2.1rem;font-weight:600;line-height:1.15;margin:.1rem 0;"
    "font-variant-numeric:tabular-nums;overflow-wrap:anywhere}"
    ".kda-hc-large .kda-hc-value{font-size:2.8rem}"
    ".kda-hc-delta{font-size:.95rem;font-weight:600}"
    ".kda-hc-since{font-weight:400;color:#555a66}"
    ".kda-hc-spark{display:block;width:100%;height:40px;margin:.35rem 0}"
    ".kda-hc-small{font-size:.85rem;color:#555a66;margin:.15rem 0}"
    ".kda-hc-rank{font-weight:700;margin:.35rem 0 .1rem}"
    ".kda-hc-sentence{margin:.35rem 0}"
    ".kda-about{margin-top:.5rem;border-top:1px solid rgba(49,51,63,.15);padding-top:.35rem}"
    ".kda-about>summary{cursor:pointer;font-size:.9rem;font-weight:600;color:#0b3d91;"
    "padding:.35rem 0;min-height:24px}"
    ".kda-about>summary:focus-visible{outline:2px solid #0b3d91;outline-offset:2px}"
    ".kda-about-body{font-size:.88rem;line-height:1.4}"
    ".kda-about-body p,.kda-about-body ul{margin:.45rem 0}"
    ".kda-about-body ul{margin-top:-.35rem}"
    ".kda-about-body p,.kda-about-body li{font-size:.88rem}"
    ".kda-hc .kda-about-body ul{padding-left:1.2rem}.kda-hc .kda-about-body li{margin-left:0;padding-left:0}"
    ".kda-about-title{font-weight:700}"
    ".kda-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
    "</style>"
)


_e = fmt.html_text  # escaped for HTML and for Streamlit's markdown (``$`` would start math)


def direction(delta: str | None) -> str | None:
    """``"up"``/``"down"`` from a formatted change (``+0,45 poin``, ``-2,3 %``), else None."""
    if not delta:
        return None
    return "up" if delta.startswith("+") else "down" if delta.startswith(("-", "−")) else None


def delta_colour(delta: str | None, delta_color: str) -> str:
    """The change's colour as ``st.metric`` reads ``delta_color``: ``normal`` (up is good),
    ``inverse`` (down is good), ``off`` (neither: an indicator without a better direction)."""
    way = direction(delta)
    if way is None or delta_color not in ("normal", "inverse"):
        return NEUTRAL
    return GOOD if (way == "up") == (delta_color == "normal") else BAD


def _dot(x: float, y: float, size: int, colour: str) -> str:
    """A round dot that stays round when the line is stretched to the card's width (a zero-length
    line with a round cap, its stroke not scaled)."""
    return (
        f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y}" stroke="{colour}" stroke-width="{size}" '
        'stroke-linecap="round" vector-effect="non-scaling-stroke"/>'
    )


def sparkline(years: Sequence[int], values: Sequence[float], label: str, colour: str = "#0072B2") -> str:
    """An inline SVG line of ``values`` over ``years`` (x spaced by year: a year with no figure
    breaks the line), last point marked; empty when there are fewer than two figures."""
    pts = sorted((int(y), float(v)) for y, v in zip(years, values, strict=True))
    if len(pts) < 2:
        return ""
    (y0, _), (y1, _) = pts[0], pts[-1]
    lo, hi = min(v for _, v in pts), max(v for _, v in pts)
    w, h, pad = 300.0, 40.0, 4.0

    def xy(year: int, value: float) -> tuple[float, float]:
        x = pad + (year - y0) / (y1 - y0) * (w - 2 * pad)
        y = h / 2 if hi == lo else pad + (hi - value) / (hi - lo) * (h - 2 * pad)
        return round(x, 1), round(y, 1)

    runs: list[list[tuple[float, float]]] = []
    for i, (year, value) in enumerate(pts):
        if i == 0 or year != pts[i - 1][0] + 1:
            runs.append([])
        runs[-1].append(xy(year, value))
    lines = "".join(
        f'<polyline points="{" ".join(f"{x},{y}" for x, y in run)}" fill="none" stroke="{colour}" '
        'stroke-width="2" vector-effect="non-scaling-stroke" stroke-linejoin="round"/>'
        for run in runs
        if len(run) > 1
    )
    alone = [run[0] for run in runs if len(run) == 1]  # a figure with no neighbouring year
    dots = "".join(_dot(x, y, 5, colour) for x, y in alone)
    lx, ly = xy(*pts[-1])
    return (
        f'<svg class="kda-hc-spark" viewBox="0 0 {w:g} {h:g}" preserveAspectRatio="none" role="img" '
        f'aria-label="{_e(label)}">{lines}{dots}{_dot(lx, ly, 7, colour)}</svg>'
    )


def badge(label: str, color: str, help_text: str = "", kind: str = "kda-hc-badge") -> str:
    """A small coloured badge (colours of :data:`BADGE`, gray for an unknown colour)."""
    fg, bg = BADGE.get(color, BADGE["gray"])
    title = f' title="{_e(help_text)}"' if help_text else ""
    return f'<span class="{kind}" style="color:{fg};background:{bg}"{title}>{_e(label)}</span>'


def _section(heading: str, body: str) -> str:
    """One section of the panel: its heading, then "- " lines as a list, other lines as lines of
    the same paragraph (few elements: a phone builds every one before the card shows)."""
    lines = [line for line in body.split("\n") if line.strip()]
    if lines and all(line.startswith("- ") for line in lines):
        items = "".join(f"<li>{_e(line[2:])}</li>" for line in lines)
        return f"<p><b>{_e(heading)}</b></p><ul>{items}</ul>"
    return f"<p><b>{_e(heading)}</b><br>" + "<br>".join(_e(line) for line in lines) + "</p>"


def about(panel: AboutPanel, metadata_href: str, lang: str = "id") -> str:
    """The "Tentang data" panel (issue 7) as a native ``<details>`` disclosure for the end of a
    card: closed it is one line ("Tentang data · angka sementara · usang"), opened in place by a
    tap, a click or Enter/Space, with no JavaScript of ours and no Streamlit element (issue 14: 22
    popovers under Ringkasan's cards cost a phone 1.2–1.5 s before the first card showed).

    Every section of the panel is here (definition, unit, computation, sources, status, updates,
    caveats, reliability, badges); the MS-Indikator form's fields are one link away
    (``metadata_href``, the Katalog page of the indicator) rather than ~20 more lines in every
    card, which a phone renders before its first card shows."""
    flags = quality.badge_text(panel.badges)
    label = ABOUT("button", lang) + (f" · {flags}" if flags else "")
    body = [f'<p class="kda-about-title">{_e(panel.title)}</p>']
    if panel.badges:
        tags = "".join(badge(b.label, b.color, b.help, "kda-about-badge") for b in panel.badges)
        body.append(f'<div class="kda-about-top">{tags}</div>')
    for heading, text in panel.sections:
        body.append(_section(heading, text))
    body.append(f'<p><a href="{_e(metadata_href)}" target="_self">{_e(TEXT("metadata_link", lang))}</a></p>')
    return (
        f'<details class="kda-about"><summary>{_e(label)}</summary>'
        f'<div class="kda-about-body">{"".join(body)}</div></details>'
    )


def card(c: Card, lang: str = "id", css: bool = False, about_html: str = "") -> str:
    """One headline card as one line of HTML (see the module's notes); ``css``: with the style
    rules in front (once per page); ``about_html``: its "Tentang data" panel (:func:`about`) at
    the end."""
    top = badge(c.badge, c.badge_color, c.badge_help)
    if c.status:
        top += badge(c.status, "orange")
    parts = [
        f'<div class="kda-hc-top">{top}</div>',
        f'<p class="kda-hc-name" title="{_e(c.title)}. {_e(c.definition)}">{_e(c.name)}</p>',
        f'<p class="kda-hc-value">{_e(c.value)}</p>',
    ]
    if c.delta:
        way = direction(c.delta)
        arrow = {"up": "▲", "down": "▼"}.get(way or "", "")
        said = f'<span class="kda-sr">{TEXT(way, lang)} </span>' if way else ""
        parts.append(
            f'<p class="kda-hc-delta" style="color:{delta_colour(c.delta, c.delta_color)}">'
            f'<span aria-hidden="true">{arrow}</span> {said}{_e(c.delta)} '
            f'<span class="kda-hc-since">{_e(c.since)}</span></p>'
        )
    if len(c.trend_values) > 1:
        label = TEXT(
            "spark",
            lang,
            name=c.name,
            first=min(c.trend_years),
            last=max(c.trend_years),
            n=len(c.trend_values),
        )
        parts.append(sparkline(c.trend_years, c.trend_values, label))
    if c.series:
        parts.append(f'<p class="kda-hc-small">{_e(TEXT("series", lang, name=c.series))}</p>')
    if c.rank:
        parts.append(f'<p class="kda-hc-rank">{_e(c.rank)}</p>')
    for small in (c.rank_province, c.rank_note):
        if small:
            parts.append(f'<p class="kda-hc-small">{_e(small)}</p>')
    if c.sentence:
        parts.append(f'<p class="kda-hc-sentence">{_e(c.sentence)}</p>')
    parts.append(f'<p class="kda-hc-source kda-hc-small">{_e(COMMON("source", lang))}: {_e(c.source)}</p>')
    large = " kda-hc-large" if c.large else ""
    block = (
        f'<div class="kda-hc{large}" data-indicator="{_e(c.indicator)}">{"".join(parts)}{about_html}</div>'
    )
    return (CSS if css else "") + block
