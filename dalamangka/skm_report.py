"""Views of SKM results for the Kepuasan layanan page: results per survey, the unsur profile
(weakest first), the trend per unit, rankings, the XLSX a unit publishes and the "Hasil SKM"
announcement. Input: the rows of ``skm_surveys`` and ``skm_unsur``; every number comes from
:mod:`dalamangka.skm` and is written through :mod:`dalamangka.fmt`. No Streamlit.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from dalamangka import fmt, skm
from dalamangka.i18n import Text

TEXT = Text(
    {
        "reported": ("dilaporkan", "reported"),
        "no_category": ("kategori tidak dihitung", "no category computed"),
        "reported_category": ("{kinerja} (sebagaimana dilaporkan)", "{kinerja} (as reported)"),
        "period_unknown": ("periode tidak diketahui", "period unknown"),
        "reported_on": ("dilaporkan {when}", "reported {when}"),
        "profile_title": ("Nilai per unsur, {unit}", "Score per element, {unit}"),
        "profile_sub": (
            "{period} · NRR × 25 (skala 25-100) · unsur terlemah di atas: di situ perbaikan dimulai",
            "{period} · NRR × 25 (scale 25-100) · weakest element on top: start improving there",
        ),
        "trend_title": ("Nilai IKM per periode, {unit}", "IKM score per period, {unit}"),
        "trend_sub": (
            "Nilai konversi 25-100; garis putus: batas mutu A (88,31), B (76,61), C (65,00)",
            "Converted score 25-100; dashed: grade limits A (88.31), B (76.61), C (65.00)",
        ),
        "axis_score": ("Nilai (25-100)", "Score (25-100)"),
        "col_unit": ("Unit layanan", "Service unit"),
        "col_opd": ("OPD", "Agency"),
        "col_period": ("Periode", "Period"),
        "col_respondents": ("Responden", "Respondents"),
        "col_ikm": ("IKM (1-4)", "IKM (1-4)"),
        "col_score": ("Nilai IKM (25-100)", "IKM score (25-100)"),
        "col_mutu": ("Mutu", "Grade"),
        "col_kinerja": ("Kinerja", "Performance"),
        "col_rule": ("Aturan", "Rule"),
        "col_rank": ("Peringkat", "Rank"),
        "col_units": ("Jumlah unit", "Units"),
        "col_mean": ("Rata-rata sederhana nilai unit", "Simple mean of unit scores"),
        "col_source": ("Sumber", "Source"),
        "col_min": ("Sampel minimum (Krejcie-Morgan)", "Minimum sample (Krejcie-Morgan)"),
        "col_population": ("Populasi pengguna layanan", "Population of service users"),
        "sheet_results": ("Hasil SKM", "SKM results"),
        "sheet_meta": ("Keterangan", "Notes"),
        "meta_method": (
            "Dihitung sesuai PermenPANRB 14/2017: NRR = jumlah nilai / jumlah responden; IKM = Σ NRR × bobot "
            "(bobot 1/jumlah unsur kecuali ditetapkan unit); nilai = IKM × 25, dibulatkan dua desimal; "
            "mutu A 88,31-100; B 76,61-88,30; C 65,00-76,60; D 25,00-64,99.",
            "Computed per PermenPANRB 14/2017: NRR = sum of scores / respondents; IKM = Σ NRR × weight "
            "(1/number of elements unless the unit sets weights); score = IKM × 25, rounded to two "
            "decimals; grade A 88.31-100; B 76.61-88.30; C 65.00-76.60; D 25.00-64.99.",
        ),
        "announce": (
            "HASIL SURVEI KEPUASAN MASYARAKAT (SKM)\n"
            "{unit}\n{opd}, {city}\n\n"
            "Periode survei: {period}\n"
            "Jumlah responden: {respondents} orang\n"
            "Nilai IKM: {score} (skala 25-100)\n"
            "Mutu pelayanan: {mutu}\n"
            "Kinerja unit pelayanan: {kinerja}\n\n"
            "Nilai per unsur (NRR, skala 1-4):\n{lines}\n\n"
            "Unsur dengan nilai terendah: {weakest}. Unsur ini menjadi prioritas perbaikan layanan.\n\n"
            "Dihitung sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017.\n"
            "Terima kasih atas penilaian yang telah Anda berikan. Masukan Anda menjadi dasar "
            "perbaikan pelayanan kami.",
            "RESULTS OF THE COMMUNITY SATISFACTION SURVEY (SKM)\n"
            "{unit}\n{opd}, {city}\n\n"
            "Survey period: {period}\n"
            "Respondents: {respondents}\n"
            "IKM score: {score} (scale 25-100)\n"
            "Service grade: {mutu}\n"
            "Unit performance: {kinerja}\n\n"
            "Score per element (NRR, scale 1-4):\n{lines}\n\n"
            "Lowest element: {weakest}. It is the priority for improving the service.\n\n"
            "Computed per PermenPANRB Regulation 14/2017.\n"
            "Thank you for your assessment. Your feedback guides how we improve our service.",
        ),
    }
)
MUTU_COLOURS = {"A": "green", "B": "blue", "C": "orange", "D": "red"}
BAR_COLOURS = {"A": "#1B7F3B", "B": "#2B6CB0", "C": "#C77C02", "D": "#C53030"}
# The last month of each period label the importer writes: the order of periods within a year.
PERIOD_END = {"Tahunan": 12, "Semester I": 6, "Semester II": 12, "Triwulan I": 3, "Triwulan II": 6,
              "Triwulan III": 9, "Triwulan IV": 12}  # fmt: skip
LIMITS = (Decimal("88.31"), Decimal("76.61"), Decimal("65.00"))


def _fraction(text: Any) -> Fraction | None:
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return None
    return Fraction(Decimal(str(text)))


def unsur_nrr(
    unsur: pd.DataFrame, survey_id: str
) -> tuple[dict[str, Fraction], dict[str, Fraction], dict[str, str]]:
    """NRR (exact), the unit's weights (empty = equal) and names of one survey's unsur."""
    rows = unsur[unsur.survey_id == survey_id]
    nrr: dict[str, Fraction] = {}
    weights: dict[str, Fraction] = {}
    names: dict[str, str] = {}
    for r in rows.to_dict("records"):
        code = str(r["unsur"])
        given = _fraction(r["nrr"])
        if given is None:
            total, n = int(r["total"]), int(r["n"])
            given = skm.nrr([1] * 0) if n == 0 else Fraction(total, n)
        nrr[code] = given
        w = _fraction(r["bobot"])
        if w is not None:
            weights[code] = w
        names[code] = str(r["nama"])
    return nrr, weights, names


def period_label(row: Mapping[Any, Any], lang: str) -> str:
    tahun = row.get("tahun")
    periode = row.get("periode")
    has_year = tahun is not None and not pd.isna(tahun)
    if not has_year:
        when = row.get("dilaporkan_pada")
        base = TEXT("period_unknown", lang)
        return f"{base} ({TEXT('reported_on', lang, when=when)})" if when else base
    assert tahun is not None
    year = str(int(tahun))
    if periode is None or pd.isna(periode):
        return year
    return f"{periode} {year}"


def results(surveys: pd.DataFrame, unsur: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per survey with its score (Decimal, as published), category and sample check."""
    rows = []
    for s in surveys.to_dict("records"):
        out: dict[str, Any] = {
            k: s[k]
            for k in ("survey_id", "unit_id", "unit_layanan", "opd", "tahun", "periode", "aturan", "dasar")
        }
        out["period"] = period_label(s, lang)
        out["responden"] = None if pd.isna(s["responden"]) else int(s["responden"])
        out["populasi"] = None if pd.isna(s["populasi"]) else int(s["populasi"])
        out["minimum"] = None if out["populasi"] is None else skm.minimum_sample(out["populasi"])
        out["cite"] = s["cite_en" if lang == "en" else "cite_id"]
        out["caveats"] = s["caveats"]
        if s["dasar"] == "dilaporkan":
            decimals = int(s["desimal_dilaporkan"]) if not pd.isna(s["desimal_dilaporkan"]) else 2
            score = Decimal(str(s["nilai_dilaporkan"]))
            out.update(score=score, decimals=decimals, ikm=None, mutu=None, reported=True)
            kinerja = s["kinerja_dilaporkan"]
            out["kinerja"] = (
                TEXT("reported_category", lang, kinerja=kinerja)
                if isinstance(kinerja, str) and kinerja
                else TEXT("no_category", lang)
            )
        else:
            nrr, weights, _ = unsur_nrr(unsur, str(s["survey_id"]))
            r = skm.result(nrr, str(s["aturan"]), weights or None)
            out.update(
                score=r.converted,
                decimals=2,
                ikm=r.ikm_decimal,
                mutu=r.category.mutu,
                kinerja=r.category.kinerja(lang),
                reported=False,
            )
        out["score_text"] = fmt.number(float(out["score"]), out["decimals"], lang)
        periode = str(s["periode"]) if isinstance(s["periode"], str) else ""
        year = int(s["tahun"]) if not pd.isna(s["tahun"]) else 0
        out["sort"] = (year, PERIOD_END.get(periode, 12), periode)
        rows.append(out)
    return pd.DataFrame(rows, dtype=object)  # None stays None (no NaN for unknown counts)


def latest(res: pd.DataFrame) -> pd.DataFrame:
    """Each unit's latest survey (by year and period; one series per rule is never mixed: the
    latest of the unit's newest rule)."""
    if res.empty:
        return res
    ordered = res.assign(_k=res["sort"]).sort_values("_k", kind="stable")
    return ordered.groupby("unit_id", sort=False).tail(1).drop(columns="_k").reset_index(drop=True)


def profile(unsur: pd.DataFrame, survey_id: str, lang: str) -> pd.DataFrame:
    """The unsur of one survey, weakest first: code, name, NRR (3 decimals), NRR × 25, mutu."""
    nrr, _, names = unsur_nrr(unsur, survey_id)
    rows = []
    for code, value in nrr.items():
        converted = skm.to_decimal(value * 25, 2)
        rows.append(
            {
                "unsur": code,
                "nama": skm.TEXT(code, lang) if code in skm.UNSUR_2017 else names[code],
                "nrr": skm.to_decimal(value, 3),
                "nilai": converted,
                "mutu": skm.category(converted).mutu,
                "_exact": value,
            }
        )
    frame = pd.DataFrame(rows, columns=["unsur", "nama", "nrr", "nilai", "mutu", "_exact"])
    frame["_n"] = [int(c[1:]) for c in frame.unsur]
    return (
        frame.sort_values(["_exact", "_n"], kind="stable")
        .drop(columns=["_exact", "_n"])
        .reset_index(drop=True)
    )


def _title(title: str, subtitle_parts: list[str]) -> dict[str, Any]:
    return {"text": title, "subtitle": [p for p in subtitle_parts if p], "anchor": "start"}


def profile_figure(prof: pd.DataFrame, unit: str, period: str, lang: str) -> dict[str, Any]:
    """Horizontal bars (Vega-Lite) of NRR × 25 per unsur, weakest on top, coloured by grade, each
    bar labelled with its score; the tooltip adds the NRR and the grade. Vega-Lite, not plotly:
    the page's first view stays light on a phone (issue 14)."""
    from dalamangka import vega

    rows = [
        {
            "unsur": f"{c} {n}",
            "nilai": float(v),
            "teks": fmt.number(float(v), 2, lang),
            "nrr": fmt.number(float(r), 3, lang),
            "mutu": str(m),
            "warna": BAR_COLOURS[str(m)],
        }
        for c, n, v, r, m in zip(prof.unsur, prof.nama, prof.nilai, prof.nrr, prof.mutu, strict=True)
    ]
    order = [r["unsur"] for r in rows]  # weakest first, on top
    y = {"field": "unsur", "type": "nominal", "sort": order, "title": None, "axis": {"labelLimit": 200}}
    x = {"field": "nilai", "type": "quantitative", "title": TEXT("axis_score", lang),
         "scale": {"domain": [0, 112]}, "axis": {"values": [0, 25, 50, 75, 100], "format": "d"}}  # fmt: skip
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "x": x,
            "y": y,
            "color": {"field": "warna", "type": "nominal", "scale": None, "legend": None},
            "tooltip": [
                {"field": "unsur", "title": " "},
                {"field": "teks", "title": TEXT("axis_score", lang)},
                {"field": "nrr", "title": "NRR"},
                {"field": "mutu", "title": "Mutu" if lang != "en" else "Grade"},
            ],
        },
    }
    labels = {
        "mark": {"type": "text", "align": "left", "dx": 3},
        "encoding": {"x": {"field": "nilai", "type": "quantitative"}, "y": y, "text": {"field": "teks"}},
    }
    spec = vega._spec([bars, labels], rows, lang, False, {"step": 30})
    spec["title"] = _title(
        TEXT("profile_title", lang, unit=unit), TEXT("profile_sub", lang, period=period).split(" · ")
    )
    return spec


def trend_figure(res: pd.DataFrame, unit: str, lang: str) -> dict[str, Any]:
    """The unit's score per period (Vega-Lite), one line per rule (series never joined), with the
    grade limits as dotted rules."""
    from dalamangka import vega

    rows = []
    periods: list[str] = []
    for rule, part in res.sort_values("sort", key=lambda s: s.map(tuple)).groupby("aturan", sort=False):
        for period, score, text in zip(part.period, part.score, part.score_text, strict=True):
            rows.append({"periode": str(period), "nilai": float(score), "teks": str(text),
                         "aturan": skm.rule_label(str(rule), lang)})  # fmt: skip
            if str(period) not in periods:
                periods.append(str(period))
    score = TEXT("axis_score", lang)
    y = {"field": "nilai", "type": "quantitative", "title": score, "scale": {"domain": [25, 100]}}
    line = {
        "mark": {"type": "line", "point": {"size": 60}, "strokeWidth": 2.5},
        "encoding": {
            "x": {"field": "periode", "type": "ordinal", "sort": periods, "title": None,
                  "axis": {"labelAngle": 0, "labelOverlap": "greedy"}},
            "y": y,
            "color": {"field": "aturan", "type": "nominal", "title": None},
            "tooltip": [{"field": "periode", "title": " "}, {"field": "teks", "title": score},
                        {"field": "aturan", "title": "  "}],
        },
    }  # fmt: skip
    limits = {
        "data": {"values": [{"batas": float(v)} for v in LIMITS]},
        "mark": {"type": "rule", "strokeDash": [2, 3], "color": "#888888"},
        "encoding": {"y": {"field": "batas", "type": "quantitative"}},
    }
    spec = vega._spec([limits, line], rows, lang, False, 320)
    spec["title"] = _title(TEXT("trend_title", lang, unit=unit), TEXT("trend_sub", lang).split("; "))
    return spec


def unit_ranking(latest_rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Units ranked by their latest computed PermenPANRB 14/2017 score (reported figures of an
    unstated method are not ranked against computed ones)."""
    t = TEXT
    part = latest_rows[(latest_rows.aturan == skm.RULE_2017) & ~latest_rows.reported.astype(bool)]
    part = part.sort_values("score", ascending=False, kind="stable")
    return pd.DataFrame(
        {
            t("col_rank", lang): range(1, len(part) + 1),
            t("col_unit", lang): list(part.unit_layanan),
            t("col_opd", lang): list(part.opd),
            t("col_period", lang): list(part.period),
            t("col_score", lang): list(part.score_text),
            t("col_mutu", lang): list(part.mutu),
        }
    )


def opd_ranking(latest_rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """OPDs ranked by the simple mean of their units' latest computed scores (labelled so)."""
    t = TEXT
    part = latest_rows[(latest_rows.aturan == skm.RULE_2017) & ~latest_rows.reported.astype(bool)]
    rows = []
    for opd, g in part.groupby("opd"):
        mean = sum((Fraction(v) for v in g.score), Fraction(0)) / len(g)
        rows.append((str(opd), len(g), skm.to_decimal(mean, 2)))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return pd.DataFrame(
        {
            t("col_rank", lang): range(1, len(rows) + 1),
            t("col_opd", lang): [r[0] for r in rows],
            t("col_units", lang): [r[1] for r in rows],
            t("col_mean", lang): [fmt.number(float(r[2]), 2, lang) for r in rows],
        }
    )


def report_table(res: pd.DataFrame, unsur: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The published layout, one row per unit of one period: unit, OPD, period, respondents,
    NRR per unsur (3 decimals), IKM (4 decimals), score (2 decimals), grade, performance."""
    t = TEXT
    rows = []
    for r in res[~res.reported.astype(bool)].to_dict("records"):
        nrr, _, _ = unsur_nrr(unsur, str(r["survey_id"]))
        row: dict[str, Any] = {
            t("col_unit", lang): r["unit_layanan"],
            t("col_opd", lang): r["opd"],
            t("col_period", lang): r["period"],
            t("col_respondents", lang): r["responden"],
        }
        for code in sorted(nrr, key=lambda c: int(c[1:])):
            row[f"NRR {code}"] = float(skm.to_decimal(nrr[code], 3))
        row[t("col_ikm", lang)] = float(r["ikm"])
        row[t("col_score", lang)] = float(r["score"])
        row[t("col_mutu", lang)] = r["mutu"]
        row[t("col_kinerja", lang)] = r["kinerja"]
        row[t("col_rule", lang)] = skm.rule_label(str(r["aturan"]), lang)
        row[t("col_source", lang)] = r["cite"]
        rows.append(row)
    return pd.DataFrame(rows)


def display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The report table for the screen: numbers written through fmt (the XLSX keeps numbers)."""
    out = table.copy()
    for col in out.columns:
        places = 3 if col.startswith("NRR ") else 4 if col == TEXT("col_ikm", lang) else 2
        if col.startswith("NRR ") or col in (TEXT("col_ikm", lang), TEXT("col_score", lang)):
            out[col] = [fmt.number(float(v), places, lang) for v in out[col]]
        elif col == TEXT("col_respondents", lang):
            out[col] = [fmt.number(float(v), 0, lang) for v in out[col]]
    return out


def report_xlsx(table: pd.DataFrame, city: str, period: str, lang: str) -> bytes:
    """The period's results as a workbook: the results sheet and a notes sheet (method, city)."""
    notes = pd.DataFrame(
        {
            TEXT("col_period", lang): [period, ""],
            "": [city, TEXT("meta_method", lang)],
        }
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        for frame, name in ((table, TEXT("sheet_results", lang)), (notes, TEXT("sheet_meta", lang))):
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for i, col in enumerate(frame.columns):
                width = max([len(str(col)), *(len(str(v)) for v in frame[col].head(200))]) + 2
                sheet.set_column(i, i, min(width, 60))
    return buffer.getvalue()


def announcement(row: dict[str, Any], unsur: pd.DataFrame, city: str, lang: str) -> str:
    """The "Hasil SKM" text a unit posts, from the template, for a computed survey."""
    prof = profile(unsur, str(row["survey_id"]), lang)
    lines = "\n".join(f"- {u} {n}: {fmt.number(float(v), 3, lang)}" for u, n, v in zip(
        sorted(prof.unsur, key=lambda c: int(c[1:])),
        [prof.set_index("unsur").nama[c] for c in sorted(prof.unsur, key=lambda c: int(c[1:]))],
        [prof.set_index("unsur").nrr[c] for c in sorted(prof.unsur, key=lambda c: int(c[1:]))],
        strict=True,
    ))  # fmt: skip
    weakest = prof.iloc[0]
    return TEXT(
        "announce",
        lang,
        unit=row["unit_layanan"],
        opd=row["opd"],
        city=city,
        period=row["period"],
        respondents=fmt.number(row["responden"], 0, lang),
        score=row["score_text"],
        mutu=row["mutu"],
        kinerja=row["kinerja"],
        lines=lines,
        weakest=f"{weakest.unsur} {weakest.nama} (NRR {fmt.number(float(weakest.nrr), 3, lang)})",
    )


# The key message of a unit's profile (page and slide: dalamangka.views.kepuasan).
SLIDE = Text(
    {
        "empty": ("Belum ada hasil SKM untuk kota ini.", "No SKM results for this city yet."),
        "message": (
            "{unit}: {score} ({mutu} · {kinerja}), {period}; unsur terlemah: {weakest}.",
            "{unit}: {score} ({mutu} · {kinerja}), {period}; weakest element: {weakest}.",
        ),
        "reported": (
            "{unit_layanan}: {score_text}, {kinerja}; {period}.",
            "{unit_layanan}: {score_text}, {kinerja}; {period}.",
        ),
    }
)
