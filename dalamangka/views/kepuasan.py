"""Kepuasan layanan view: one service unit's SKM profile (the nine unsur, weakest first) in the
chosen city, the same for the page and a slide (:mod:`dalamangka.skm_report` computes it)."""

from __future__ import annotations

import hashlib

from dalamangka import skm_report, state
from dalamangka.i18n import Text
from dalamangka.state import Common
from dalamangka.views import Fetch, View, bad_value

T = Text(
    {
        "heading": ("Kepuasan layanan {name}", "Service satisfaction in {name}"),
        "title": ("Kepuasan layanan {name}: {unit}", "Service satisfaction in {name}: {unit}"),
        "no_profile": (
            "Nilai per unsur tidak tersedia: sumber hanya melaporkan nilai total.",
            "No scores per element: the source reports the total only.",
        ),
    }
)


def unit_code(unit_id: str) -> str:
    """A unit's code in links: its ``unit_id`` (city-OPD-unit slug) when it fits a link's text
    limit (:data:`state.MAX_TEXT`), else its first characters and a hash of the whole id (stable,
    unique, never too long for the link or its QR code)."""
    if len(unit_id) <= state.MAX_TEXT:
        return unit_id
    digest = hashlib.sha256(unit_id.encode("utf-8")).hexdigest()[:10]
    return f"{unit_id[: state.MAX_TEXT - 11]}-{digest}"


def build(common: Common, s: state.Kepuasan, fetch: Fetch) -> View:
    """The unit's profile: figure (None when the source reports only a total), title, key
    message (score, grade, weakest unsur), source; ``state.unit`` resolved to the unit shown."""
    lang, kode = common.lang, common.kota
    regions = fetch("region_choices")
    found = regions[regions.kode == kode]
    nama = str(found.nama.iloc[0]) if len(found) else kode
    v = View(
        "kepuasan", common, s, heading=T("heading", lang, name=nama), title=T("heading", lang, name=nama)
    )
    surveys = fetch("skm_surveys", kode=kode)
    if surveys.empty:
        v.empty = skm_report.SLIDE("empty", lang)
        v.state = state.replace(s, unit="")
        return v
    unsur = fetch("skm_unsur", kode=kode)
    res = skm_report.results(surveys, unsur, lang)
    newest = skm_report.latest(res)
    order = newest.sort_values("reported", key=lambda c: c.astype(bool), kind="stable")  # profiles first
    ids = {unit_code(u): u for u in order.unit_id.astype(str)}
    names = dict(zip(ids, order.unit_layanan.astype(str), strict=True))
    wanted = unit_code(s.unit) if s.unit in ids.values() else s.unit  # an old link's full id
    unit = wanted if wanted in names else next(iter(names))
    if s.unit and wanted not in names:
        v.notices.append(bad_value("unit", s.unit, names[unit], lang))
    v.state = state.replace(s, unit=unit)
    v.options = {"unit": list(names)}
    v.labels = {"unit": names}
    now = order[order.unit_id == ids[unit]].iloc[0].to_dict()
    v.extra = {
        "unit_id": ids[unit],
        "nama": nama,
        "surveys": surveys,
        "unsur": unsur,
        "results": res,
        "latest": newest,
        "now": now,
    }
    v.title = T("title", lang, name=nama, unit=now["unit_layanan"])
    v.source = str(now["cite"])
    if now["reported"]:
        fields = {k: now[k] for k in ("unit_layanan", "score_text", "kinerja", "period")}
        v.message = skm_report.SLIDE("reported", lang, **fields)
        v.empty = T("no_profile", lang)
        return v
    prof = skm_report.profile(unsur, str(now["survey_id"]), lang)
    v.extra["profile"] = prof
    v.message = skm_report.SLIDE(
        "message", lang, unit=now["unit_layanan"], score=now["score_text"], mutu=now["mutu"],
        kinerja=now["kinerja"], period=now["period"], weakest=f"{prof.unsur.iloc[0]} {prof.nama.iloc[0]}",
    )  # fmt: skip
    unit_name, period = str(now["unit_layanan"]), str(now["period"])
    v.make_figure = lambda: skm_report.profile_figure(prof, unit_name, period, lang)
    v.fingerprint = f"kepuasan|{kode}|{now['survey_id']}|{lang}"
    return v
