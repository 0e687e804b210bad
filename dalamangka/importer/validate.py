"""Read figures and check them: numbers, symbols, years, units, ranges, duplicates, indicators.

Numbers: a file writes them one way, "1.234,56" (Indonesian) or "1,234.56" (English). The way is
decided once per file from the text cells that can only be read one way ("2.539.829", "20,68",
"0.680": a group after a leading 0 is never thousands); a file that shows both is refused. Cells
that fit both ("99.787", "99,787": one mark, three digits after it) follow the file's way or the
user's choice (``--desimal``); when neither settles it they are refused, never read by a guess
from the kind of table. Numeric XLSX cells and plain integers need no convention.
Symbols become missing figures with their meaning kept: "-" nil, "..." not available, "x"
confidential; "*" and "**" after a figure mark it preliminary / very preliminary.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dalamangka import fmt
from dalamangka.importer.grid import text
from dalamangka.importer.layout import unsafe
from dalamangka.importer.match import Regions
from dalamangka.importer.model import STATUS_MARKS, STATUSES, SYMBOLS, Parsed, Problem, RawRow, clip
from dalamangka.importer.units import Stated, same

# a thousands group never follows a leading 0: "0.680" / "0,680" can only be a decimal
ID_ONLY = re.compile(
    r"^-?([1-9]\d{0,2}(\.\d{3})+,\d+|\d+,(\d{1,2}|\d{4,})|\d{4,},\d+|[1-9]\d{0,2}(\.\d{3}){2,}|0,\d+)$"
)
EN_ONLY = re.compile(
    r"^-?([1-9]\d{0,2}(,\d{3})+\.\d+|\d+\.(\d{1,2}|\d{4,})|\d{4,}\.\d+|[1-9]\d{0,2}(,\d{3}){2,}|0\.\d+)$"
)
AMBIGUOUS = re.compile(r"^-?[1-9]\d{0,2}[.,]\d{3}$")  # "99.787": thousands or decimals
PLAIN = re.compile(r"^-?\d+$")
MARK = re.compile(r"^(.*?)\s*(\*{1,2})$")
YEAR4 = re.compile(r"\d{4}")
SPACED = re.compile(r"(?<=\d)[ \u202f](?=\d{3}(\D|$))")
SIGNED = {"lpe", "inflasi_yoy"}
SHARES_0_100 = ("persen", "indeks")
UNIT_SAME = {"km2": "km²", "%": "persen", "percent": "persen", "orang": "jiwa"}
STATUS_WORDS = {
    "angka sementara": "sementara",
    "angka sangat sementara": "sangat_sementara",
    "angka tetap": "tetap",
    "angka revisi": "revisi",
    "sangat sementara": "sangat_sementara",
}


@dataclass
class Options:
    """What the user told the import beside the file."""

    format: str | None = None
    sheet: str | None = None
    indikator: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # column letter -> indicator code
    kota: str | None = None
    decimal: str | None = None  # "koma" or "titik" where the file cannot tell
    status: str = "tidak_diketahui"
    new_indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    rincian: dict[str, str] = field(default_factory=dict)  # breakdown label -> indicator code


# breakdowns that split one figure without changing its unit: a table of them under one chosen
# indicator brings each breakdown in as its own indicator (the total as the chosen one)
TOTAL_WORDS = {"jumlah", "total", "l", "p"}
BREAKDOWN_WORDS = {
    "laki", "pria", "male", "males", "perempuan", "wanita", "female", "females", "jumlah", "total",
    "l", "p", "perkotaan", "perdesaan", "urban", "rural", "kota", "desa", "dan", "and", "sex",
}  # fmt: skip


def _words(label: str) -> list[str]:
    return [w for w in re.split(r"[^a-z]+", label.lower()) if w]


def is_breakdown(label: str) -> bool:
    w = _words(label)
    return bool(w) and all(x in BREAKDOWN_WORDS for x in w)


def is_total_label(label: str) -> bool:
    head = label.split("/")[0]
    w = _words(head)
    return bool(w) and (set(w) <= {"jumlah", "total"} or "+" in head)


def slug(label: str) -> str:
    head = label.split("/")[0]
    return "_".join(re.findall(r"[a-z0-9]+", head.lower())) or "rincian"


def derived_indicators(
    parsed: Parsed, indicators: pd.DataFrame, options: Options
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """rincian label -> indicator, and the new indicators that needs, when the user chose one
    indicator for a table whose columns are breakdowns (sex, urban/rural) of it."""
    base = options.indikator
    labels = parsed.rincian
    if not base or len(labels) < 2 or not all(is_breakdown(lbl) for lbl in labels):
        return {}, {}
    known = {str(r.code): r for r in indicators.itertuples()}
    if base not in known:
        return {}, {}
    rec = known[base]
    out: dict[str, str] = {}
    new: dict[str, dict[str, Any]] = {}
    totals = [lbl for lbl in labels if is_total_label(lbl)]
    for lbl in labels:
        if len(totals) == 1 and lbl == totals[0]:
            out[lbl] = base
            continue
        code = f"{base}_{slug(lbl)}"
        out[lbl] = code
        if code not in known:
            head = lbl.split("/")[0].strip()
            new[code] = {
                "name_id": f"{rec.name_id} — {head}",
                "name_en": f"{rec.name_en} — {lbl.split('/')[-1].strip()}",
                "short_id": f"{rec.short_id} — {head}",
                "unit_id": str(rec.unit_id),
                "unit_en": str(rec.unit_en),
                "producer": str(rec.producer),
                "definition_id": f"Rincian '{head}' dari {rec.name_id} ({base}), seperti dicetak sumbernya.",
                "definition_en": f"The '{lbl}' breakdown of {rec.name_en} ({base}), as its source prints it.",
            }
    return out, new


@functools.lru_cache(maxsize=4096)
def bounds(code: str, unit: str) -> tuple[float, float]:
    """The plausible range of an indicator's figures."""
    if code in SIGNED:
        return (-100.0, 1000.0)
    if unit in SHARES_0_100 and (unit == "persen" or code.startswith(("ipm", "ipg"))):
        return (0.0, 100.0)
    return (0.0, math.inf)


@functools.lru_cache(maxsize=4096)
def _unit(u: str) -> str:
    u = u.strip().lower()
    return UNIT_SAME.get(u, u)


def _cell(value: Any) -> tuple[str, float | None, str | None, str | None]:
    """(text, native number, status mark, symbol) of one cell."""
    if isinstance(value, bool):
        return str(value), None, None, None
    if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
        return str(value), float(value), None, None
    s = text(value)
    if s in SYMBOLS:
        return s, None, None, s
    mark = None
    m = MARK.match(s)
    if m and m.group(1):
        s, mark = m.group(1).strip(), m.group(2)
    s = SPACED.sub("", s)
    return s, None, mark, None


def convention(cells: list[tuple[int, str]]) -> tuple[str | None, Problem | None]:
    """The file's number convention ("id" or "en") from (row, text) cells, or a problem."""
    id_hit = next(((r, s) for r, s in cells if ID_ONLY.match(s)), None)
    en_hit = next(((r, s) for r, s in cells if EN_ONLY.match(s)), None)
    if id_hit and en_hit:
        return None, Problem(
            "mixed_separators",
            row=min(id_hit[0], en_hit[0]),
            fields={
                "id_example": id_hit[1],
                "id_row": id_hit[0],
                "en_example": en_hit[1],
                "en_row": en_hit[0],
            },
        )
    return ("id" if id_hit else "en" if en_hit else None), None


def to_number(s: str, conv: str) -> float:
    if conv == "id":
        return float(s.replace(".", "").replace(",", "."))
    return float(s.replace(",", ""))


def number(s: str, conv: str | None, row: int | None = None, column: str | None = None) -> float | Problem:
    """The figure a text cell states under the file's convention ("id", "en" or None = unsettled),
    or the problem: a cell readable both ways while nothing settles the way, a cell of the other
    way, or no number at all."""
    if PLAIN.match(s):
        return float(s)
    if ID_ONLY.match(s) or EN_ONLY.match(s) or AMBIGUOUS.match(s):
        if conv is None:
            mark = ("titik", "point") if "." in s else ("koma", "comma")
            return Problem(
                "ambiguous_separators",
                row=row,
                column=column,
                fields={"value": s, "mark": mark[0], "mark_en": mark[1]},
            )
        if (conv == "id" and EN_ONLY.match(s)) or (conv == "en" and ID_ONLY.match(s)):
            return Problem(
                "mixed_separators",
                row=row,
                column=column,
                fields={"id_example": s, "id_row": row, "en_example": s, "en_row": row},
            )
        return to_number(s, conv)
    return Problem("not_a_number", row=row, column=column, fields={"value": s})


def _rincian_key(label: str) -> str:
    return " ".join(label.lower().split())


def rincian_choice(label: str | None, chosen: dict[str, str]) -> str | None:
    """The indicator chosen for a breakdown, by its full label or its Bahasa part ("Laki-laki"
    for "Laki-laki/Male"), case and spacing ignored."""
    if label is None or not chosen:
        return None
    keys = {_rincian_key(k): v for k, v in chosen.items()}
    full = _rincian_key(label)
    bahasa = _rincian_key(" — ".join(part.split("/")[0] for part in label.split(" — ")))
    return keys.get(full, keys.get(bahasa))


def _indicator_of(row: RawRow, parsed: Parsed, options: Options) -> str | None:
    if row.indikator:
        return row.indikator
    if options.columns or options.rincian:
        if row.column in options.columns:
            return options.columns[row.column]
        found = rincian_choice(row.rincian, options.columns) or rincian_choice(row.rincian, options.rincian)
        return found if found is not None else ""  # "" = a column the user left out
    return options.indikator


def _column_used(letter: str, rincian: str | None, options: Options) -> bool:
    if options.columns or options.rincian:
        return (
            letter in options.columns
            or (rincian_choice(rincian, options.columns) or rincian_choice(rincian, options.rincian))
            is not None
        )
    return True


def suggest_indicators(title: str | None, indicators: pd.DataFrame) -> list[str]:
    if not title:
        return []
    names = {str(n).lower(): str(c) for n, c in zip(indicators.name_id, indicators.code, strict=True)}
    head = title.split("/")[0].lower()
    hits = [c for n, c in names.items() if n.split(" (")[0] in head]
    close = difflib.get_close_matches(head, list(names), n=3, cutoff=0.5)
    return list(dict.fromkeys(hits + [names[c] for c in close]))[:3]


def unit_problems(stated: list[Stated], indicator: str, unit: str) -> list[Problem]:
    """Each unit the file states for figures of ``indicator`` that is not its unit ``unit``:
    another or a scaled unit, or one that cannot be read. Never converted: refused."""
    out = []
    for st in stated:
        ok = same(st.text, unit)
        if ok:
            continue
        out.append(
            Problem(
                "unit_differs" if ok is False else "unit_unknown",
                row=st.row,
                column=st.column or st.where,
                fields={"given": st.text, "indicator": indicator, "expected": unit},
            )
        )
    return out


def validate(
    parsed: Parsed, codes: list[str | None], regions: Regions, indicators: pd.DataFrame, options: Options
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(figures, missing cells, problems) of matched rows."""
    problems: list[Problem] = []
    known = {str(r.code): r for r in indicators.itertuples()}
    units = {c: str(r.unit_id) for c, r in known.items()}
    for code, rec in options.new_indicators.items():
        missing = [k for k in ("name_id", "unit_id", "definition_id") if not str(rec.get(k) or "").strip()]
        if missing:
            problems.append(
                Problem("new_indicator_incomplete", fields={"code": code, "missing": ", ".join(missing)})
            )
        units[code] = str(rec.get("unit_id") or "")
        for v in rec.values():
            if isinstance(v, str) and unsafe(v.strip()):
                problems.append(Problem("unsafe_text", fields={"value": v}))
    has_own = bool(parsed.rows) and bool(parsed.rows[0].indikator)
    if not has_own and not options.columns and not options.rincian:
        derived, new = derived_indicators(parsed, indicators, options)
        if derived:
            options.rincian = derived
            options.new_indicators = {**new, **options.new_indicators}
            for code, rec in new.items():
                units[code] = str(rec["unit_id"])
        elif len(parsed.rincian) > 1:
            labels = ", ".join(f"'{lbl}'" for lbl in parsed.rincian)
            cols = ", ".join(f"{k} ({clip(v, 60)})" for k, v in parsed.columns.items())
            problems.append(Problem("several_rincian", fields={"rincian": clip(labels, 400)}))
            problems.append(Problem("several_columns", fields={"columns": clip(cols, 400)}))
        elif not options.indikator:
            hint = suggest_indicators(parsed.title, indicators)
            problems.append(
                Problem(
                    "no_indicator", fields={"suggestions": f" (mungkin: {', '.join(hint)})" if hint else ""}
                )
            )
    for col, problem in parsed.column_problems.items():
        label = parsed.columns.get(col)
        rincian = next((r.rincian for r in parsed.rows if r.column == col), None)
        if _column_used(col, rincian, options) or (label is not None and label in options.columns):
            problems.append(problem)
    if problems:
        return pd.DataFrame(), pd.DataFrame(), problems

    # each cell is read once (_cell is pure): its text serves the convention and the value below
    cells: list[tuple[RawRow, str | None, str, str, float | None, str | None, str | None]] = []
    texts: list[tuple[int, str]] = []  # every text figure of the table, its columns left out too
    for row, kode in zip(parsed.rows, codes, strict=True):
        s, native, mark, symbol = _cell(row.value)
        if native is None and symbol is None:
            texts.append((row.row, s))
        ind = _indicator_of(row, parsed, options)
        if ind == "":
            continue
        cells.append((row, kode, ind or "", s, native, mark, symbol))
    # the table's own cells settle its convention, a column left out as much as one imported
    # ("10,05" km² beside "97.132" jiwa: both are Indonesian)
    conv, mixed = convention(texts)
    if mixed:
        return pd.DataFrame(), pd.DataFrame(), [mixed]
    # only the cells or the user settle the convention, never the kind of table or separator
    chosen = {"koma": "id", "titik": "en"}.get(options.decimal or "")
    if conv and chosen and conv != chosen:  # the user's choice and the file disagree: neither wins
        row_no, example = next((r, t) for r, t in texts if (ID_ONLY if conv == "id" else EN_ONLY).match(t))
        names = {"id": ("koma", "comma"), "en": ("titik", "point")}
        return pd.DataFrame(), pd.DataFrame(), [
            Problem(
                "decimal_contradicted",
                row=row_no,
                fields={"value": example, "chosen": names[chosen][0], "chosen_en": names[chosen][1],
                        "actual": names[conv][0], "actual_en": names[conv][1]},
            )
        ]  # fmt: skip
    conv = conv or chosen

    figures: list[dict[str, Any]] = []
    missing_rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, int, int], int] = {}
    reported: set[str] = set()
    unit_checked: dict[tuple[str, str], bool] = {}  # (column, indicator) -> its stated units fit
    last_year = dt.date.today().year + 1
    for row, kode, ind, s, native, mark, symbol in cells:
        if ind not in units:
            if ind not in reported:
                reported.add(ind)
                problems.append(
                    Problem("unknown_indicator", row=row.row, column=row.column, fields={"code": ind})
                )
            continue
        t = text(row.tahun)
        tahun = int(t) if YEAR4.fullmatch(t) else None
        if tahun is None or not 1900 <= tahun <= last_year:
            problems.append(Problem("bad_year", row=row.row, column=row.column, fields={"value": t}))
            continue
        if kode is None:
            continue
        if symbol == "":
            continue  # an empty cell says nothing: not a figure, not a symbol
        if symbol is not None:
            meaning = SYMBOLS[symbol][0]
            missing_rows.append(
                {
                    "row": row.row,
                    "column": row.column,
                    "indicator": ind,
                    "kode": kode,
                    "tahun": tahun,
                    "periode": row.periode,
                    "symbol": symbol,
                    "meaning": meaning,
                }
            )
            continue
        if native is not None:
            value = native
        else:
            read = number(s, conv, row.row, row.column)
            if isinstance(read, Problem):
                problems.append(read)
                continue
            value = read
        status = STATUS_MARKS.get(mark or "") or STATUS_MARKS.get(row.mark or "") or None
        if row.status:
            given = STATUS_WORDS.get(row.status.strip().lower(), row.status.strip().lower())
            if given not in STATUSES:
                problems.append(
                    Problem("bad_status", row=row.row, column="status", fields={"value": row.status})
                )
                continue
            status = status or given
        status = status or options.status
        unit = units[ind]
        # the column's header states its unit; else the table's title / var.unit does
        places = (row.column,) if parsed.units.get(row.column) else (row.column, "")
        for place in places:
            if (place, ind) not in unit_checked:
                wrong = unit_problems(parsed.units.get(place, []), ind, unit)
                problems.extend(wrong)
                unit_checked[(place, ind)] = not wrong
        if not all(unit_checked[(place, ind)] for place in places):
            continue
        if row.satuan and _unit(row.satuan) != _unit(unit):
            problems.append(
                Problem(
                    "unit_mismatch",
                    row=row.row,
                    column="satuan",
                    fields={"given": row.satuan, "indicator": ind, "expected": unit},
                )
            )
            continue
        low, high = bounds(ind, unit)
        if not low <= value <= high:
            problems.append(
                Problem(
                    "out_of_range",
                    row=row.row,
                    column=row.column,
                    fields={
                        "value": fmt.number(value, 2),
                        "indicator": ind,
                        "low": fmt.number(low),
                        "high": fmt.number(high) if math.isfinite(high) else "tak terbatas",
                    },
                )
            )
            continue
        key = (ind, kode, tahun, row.periode)
        if key in seen:
            problems.append(
                Problem(
                    "duplicate",
                    row=row.row,
                    column=row.column,
                    fields={
                        "indicator": ind,
                        "region": regions.name(kode),
                        "tahun": tahun,
                        "other": seen[key],
                    },
                )
            )
            continue
        seen[key] = row.row
        figures.append(
            {
                "row": row.row,
                "column": row.column,
                "indicator": ind,
                "raw_indikator": ind,
                "kode": kode,
                "tahun": tahun,
                "periode": row.periode,
                "nilai": value,
                "status": status,
                "satuan": unit,
            }
        )
    if not figures and not problems:
        problems.append(Problem("no_rows"))
    return pd.DataFrame(figures), pd.DataFrame(missing_rows), problems
