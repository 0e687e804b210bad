"""Match region names to BPS codes, within the province or city a row belongs to.

Names are compared after normalising case, punctuation, spacing ("Pangkal Pinang" =
"Pangkalpinang"), abbreviations ("Kab.", "Kep.") and numerals ("Seberang Ulu 1" = "Seberang
Ulu I"), plus an alias table of known spellings. A name that still does not match is an error
with near-match suggestions (difflib); the import never picks a region silently.

A kecamatan table's total row is the city only when its label says so and nothing else:
"Jumlah", "Total", "Jumlah/Total" (optionally with the city's name), the city's name ("Kota X",
"X", "X Municipality"), with case, spacing and footnote marks ("Kota Medan 1)") ignored. A row
named like one of the city's kecamatan is that kecamatan (Kota Kediri has a Kecamatan Kota
Kediri; many kabupaten have a kecamatan of their own name), and a "Jumlah ..." row naming
anything else (a subtotal such as "Jumlah Medan Utara") is refused, never stored as the city.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dalamangka.importer.model import Parsed, Problem, RawRow, without_marks

# numerals written as digits, Roman numerals or words ("Ilir Barat II" = "Ilir Barat Dua")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_WORDS = ("SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN", "SEPULUH")
NUMBERS = {w: str(n) for names in (_ROMAN, _WORDS) for n, w in enumerate(names, start=1)}
WORDS = {
    "KAB": "KABUPATEN",
    "KEP": "KEPULAUAN",
    "DI": "DAERAH ISTIMEWA",
    "KEC": "",
    "KECAMATAN": "",
    "PROV": "",
    "PROVINSI": "",
    "ADM": "ADMINISTRASI",
}
# Known spellings that normalising alone does not bridge: compact form -> compact form of a
# region's BPS or Kemendagri name. Add an entry when a publication spells a region its own way.
ALIASES: dict[str, str] = {
    "BABEL": "KEPULAUANBANGKABELITUNG",
    "BANGKABELITUNG": "KEPULAUANBANGKABELITUNG",
    "NAD": "ACEH",
    "NANGGROEACEHDARUSSALAM": "ACEH",
    "DIYOGYAKARTA": "DAERAHISTIMEWAYOGYAKARTA",
    "D1YOGYAKARTA": "DAERAHISTIMEWAYOGYAKARTA",  # "D I YOGYAKARTA": the I is not a numeral
    "KOTAMAKASAR": "KOTAMAKASSAR",
    "MAKASAR": "KOTAMAKASSAR",
    "KOTATANJUNGPINANG": "KOTATANJUNGPINANG",
}


NON_WORD = re.compile(r"[^A-Z0-9]+")
TOTAL_WORDS = ("JUMLAH", "TOTAL")
ENGLISH_CITY = ("MUNICIPALITY", "CITY", "REGENCY")
YEAR_CODE = re.compile(r"^(19|20)\d{2}$")


@functools.lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """Upper case ASCII words, abbreviations expanded, numerals as digits."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    words = []
    for w in NON_WORD.sub(" ", s).split():
        w = WORDS.get(w, w)
        w = NUMBERS.get(w, w)
        if w:
            words.append(w)
    return " ".join(words)


def compact(name: str) -> str:
    c = norm(name).replace(" ", "")
    return ALIASES.get(c, c)


@dataclass
class Regions:
    """The warehouse's regions, indexed for matching."""

    frame: pd.DataFrame

    def __post_init__(self) -> None:
        f = self.frame
        self.by_code: dict[str, dict[str, object]] = {
            str(r["kode"]): {str(k): v for k, v in r.items()} for r in f.to_dict("records")
        }
        self.scopes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for r in f.itertuples():
            kode = str(r.kode)
            keys = {compact(str(r.nama))}
            if isinstance(r.nama_bps, str) and r.nama_bps:
                keys.add(compact(r.nama_bps))
            if r.level == "kabupaten":
                keys |= {k.removeprefix("KABUPATEN") for k in keys}
            if r.level in ("nasional", "provinsi"):
                scope = "top"
            elif r.level in ("kabupaten", "kota"):
                scope = f"kab:{r.provinsi}"
                for k in keys:
                    self.scopes["kab:*"][k].add(kode)
            else:
                scope = f"sub:{r.parent}"
            for k in keys:
                self.scopes[scope][k].add(kode)

    @classmethod
    def of(cls, warehouse: Path, frame: Callable[[], pd.DataFrame]) -> Regions:
        """The index of a warehouse file, built once per version of the file (its size and time)."""
        st = warehouse.stat()
        key = (str(warehouse.resolve()), st.st_mtime_ns, st.st_size)
        if key not in _CACHE:
            _CACHE.clear()  # one warehouse version at a time
            _CACHE[key] = cls(frame())
        return _CACHE[key]

    def name(self, kode: str) -> str:
        return str(self.by_code[kode]["nama"])

    def current(self, kodes: set[str]) -> set[str]:
        cur = {k for k in kodes if bool(self.by_code[k]["is_current"])}
        return cur or kodes

    def find(self, name: str, scope: str) -> tuple[str | None, list[str]]:
        """(code, []) on an exact match in ``scope``; (None, suggestions) otherwise."""
        index = self.scopes.get(scope, {})
        key = compact(name)
        hits = self.current(index.get(key, set()))
        if len(hits) == 1:
            return next(iter(hits)), []
        if len(hits) > 1:
            return None, [f"{self.name(k)} ({k})" for k in sorted(hits)]
        close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.75)
        return None, [f"{self.name(k)} ({k})" for c in close for k in sorted(self.current(index[c]))][:3]


_CACHE: dict[tuple[str, int, int], Regions] = {}


def _scope_text(regions: Regions, scope: str) -> str:
    kind, _, code = scope.partition(":")
    if kind == "sub" and code in regions.by_code:
        return f" di {regions.name(code)}"
    if kind == "kab" and code in regions.by_code:
        return f" di Provinsi {regions.name(code)}"
    return ""


def _problem(row: RawRow, name: str, scope: str, regions: Regions, suggestions: list[str]) -> Problem:
    fields = {"name": name, "scope": _scope_text(regions, scope)}
    if suggestions:
        return Problem(
            "near_region", row=row.row, column="A", fields={**fields, "suggestions": ", ".join(suggestions)}
        )
    return Problem("unknown_region", row=row.row, column="A", fields=fields)


def city_of(parsed: Parsed, regions: Regions, kota: str | None) -> tuple[str | None, list[Problem]]:
    """The kota/kabupaten a kecamatan table is about: the title's city, checked against ``kota``."""
    found: str | None = None
    if parsed.city:
        found, suggestions = regions.find(parsed.city, "kab:*")
        if found is None and kota is None:
            return None, [
                Problem(
                    "near_region" if suggestions else "unknown_region",
                    row=1,
                    column="A",
                    fields={"name": parsed.city, "scope": "", "suggestions": ", ".join(suggestions)},
                )
            ]
    if kota is not None and found is not None and found != kota:
        expected = regions.name(kota) if kota in regions.by_code else kota
        return None, [
            Problem("other_city", row=1, fields={"found": regions.name(found), "expected": expected})
        ]
    city = kota or found
    if city is None:
        # full 7-digit kecamatan codes name their city (1971010 -> 1971)
        prefixes = {r.code[:4] for r in parsed.rows if r.code and len(r.code) == 7}
        if len(prefixes) == 1 and next(iter(prefixes)) in regions.by_code:
            city = next(iter(prefixes))
    if city is None:
        return None, [Problem("no_city", row=1)]
    return city, []


def match(
    parsed: Parsed, regions: Regions, kota: str | None = None
) -> tuple[list[str | None], list[Problem]]:
    """The BPS code of each parsed row (None where it failed) and the problems found."""
    problems: list[Problem] = []
    codes: list[str | None] = []
    city: str | None = None
    domain = parsed.scope if parsed.format == "webapi_json" else None
    if domain and len(domain) == 4 and not domain.endswith("00"):
        city = domain  # a kab/kota WebAPI domain: its kecamatan and its own row
        if kota is not None and kota != domain:
            expected = regions.name(kota) if kota in regions.by_code else kota
            found = regions.name(domain) if domain in regions.by_code else domain
            return [None] * len(parsed.rows), [
                Problem("other_city", row=1, fields={"found": found, "expected": expected})
            ]
    elif parsed.kecamatan:
        city, problems = city_of(parsed, regions, kota)
        if city is None:
            return [None] * len(parsed.rows), problems
    elif kota is not None and parsed.format == "webapi_json":
        city = kota
    cache: dict[tuple[str, str | None, bool], tuple[str | None, Problem | None]] = {}
    for row in parsed.rows:
        key = (row.region, row.province, row.is_total)
        if key in cache and not row.region_is_code and row.code_hint is None and row.code is None:
            code, _ = cache[key]  # one message per name is enough
            codes.append(code)
            continue
        code, problem = _one(row, regions, city)
        cache[key] = (code, problem)
        codes.append(code)
        if problem is not None:
            problems.append(problem)
    if city is not None and not problems:
        problems += _city_named_twice(parsed.rows, codes, regions, city)
    if kota is not None and not problems:
        for row, code in zip(parsed.rows, codes, strict=True):
            if code is not None and not (code == kota or (code.startswith(kota) and len(code) > 4)):
                expected = regions.name(kota) if kota in regions.by_code else kota
                problems.append(
                    Problem(
                        "other_city",
                        row=row.row,
                        column="A",
                        fields={"found": regions.name(code), "expected": expected},
                    )
                )
                break
    return codes, problems


def _city_named_twice(
    rows: list[RawRow], codes: list[str | None], regions: Regions, city: str
) -> list[Problem]:
    """A kecamatan named like its city ("Kota Kediri" in Kota Kediri) is that kecamatan; when a
    second row is that kecamatan too, one of them may be meant as the city's total: refused."""
    lines: dict[str, set[int]] = defaultdict(set)
    dual: dict[str, RawRow] = {}
    for row, code in zip(rows, codes, strict=True):
        if code is None or len(code) != 7 or code[:4] != city:
            continue
        lines[code].add(row.row)
        if not row.code and compact(without_marks(row.region)) in names_of(regions, city):
            dual.setdefault(code, row)
    out = []
    for code, row in dual.items():
        if len(lines[code]) > 1:
            others = ", ".join(str(n) for n in sorted(lines[code] - {row.row}))
            out.append(
                Problem(
                    "city_named_kecamatan",
                    row=row.row,
                    column=row.column_of_region,
                    fields={
                        "name": row.region.strip(),
                        "kecamatan": f"{regions.name(code)} ({code})",
                        "city": regions.name(city),
                        "others": others,
                    },
                )
            )
    return out


def names_of(regions: Regions, code: str) -> set[str]:
    """The compact names a region may be printed with (BPS, Kemendagri, with or without Kab.)."""
    known = regions.by_code[code]
    names = {compact(str(known["nama"])), compact(str(known.get("nama_bps") or ""))} - {""}
    names |= {n.removeprefix("KABUPATEN") for n in names}
    names |= {n.removeprefix("KOTA") for n in names if n.startswith("KOTA") and known.get("level") == "kota"}
    names |= {n.removeprefix("KOTAADMINISTRASI") for n in names}
    names |= {ALIASES.get(n, n) for n in names}
    return names


def _by_code(
    row: RawRow, given: str, regions: Regions, city: str | None
) -> tuple[str | None, Problem | None]:
    """The region of a row that prints its code; the name, if any, must be that region's."""
    code = given.strip()
    where = row.column_of_code or row.column_of_region  # the cell the code is written in
    if len(code) == 3 and city is not None:
        code = city + code
    elif len(code) == 3:
        return None, Problem("no_city", row=row.row)
    if code not in regions.by_code:
        if YEAR_CODE.match(code) and not row.region.strip():  # "2023" under the total: a year, not a region
            return None, Problem("year_row", row=row.row, column=where, fields={"value": given})
        padded = code.zfill(3)
        if city is not None and len(code) < 3 and code.isdigit() and city + padded in regions.by_code:
            # "10" for "010": never padded silently (a guess), named so the user can fix the file
            return None, Problem(
                "code_lost_zeros",
                row=row.row,
                column=where,
                fields={"code": given, "padded": padded},
            )
        return None, Problem("unknown_code", row=row.row, column=where, fields={"code": given})
    name = row.region.strip()
    if name and compact(name) not in names_of(regions, code):
        parent = regions.by_code[code].get("parent")
        scope = f"sub:{parent}" if regions.by_code[code].get("level") == "kecamatan" else "top"
        found, _ = regions.find(name, scope)
        if found != code and (scope != "top" or regions.find(name, "kab:*")[0] != code):
            return None, Problem(
                "code_name_mismatch",
                row=row.row,
                column=row.column_of_region,
                fields={"code": given, "expected": regions.name(code), "name": name},
            )
    return code, None


def _names_city(words: list[str], regions: Regions, city: str) -> bool:
    """Whether ``words`` (normalised) name the city: "KOTA MEDAN", "MEDAN", "MEDAN MUNICIPALITY"."""
    if words and words[-1] in ENGLISH_CITY and len(words) > 1:
        words = words[:-1]
    return bool(words) and ALIASES.get("".join(words), "".join(words)) in names_of(regions, city)


def _total_part(part: str, regions: Regions, city: str) -> str | None:
    """What one "/"-separated part of a total row's label says: "word" (Jumlah, Total, Jumlah
    Kota X), "city" (the city's name), "subtotal" (Jumlah/Total of anything else) or None."""
    words = norm(without_marks(part)).split()
    if words and words[0] in TOTAL_WORDS:
        rest = words[1:]
        while rest and rest[0] in TOTAL_WORDS:
            rest = rest[1:]
        return "word" if not rest or _names_city(rest, regions, city) else "subtotal"
    return "city" if _names_city(words, regions, city) else None


def _city_unless_kota_kecamatan(
    row: RawRow, name: str, regions: Regions, city: str
) -> tuple[str | None, Problem | None]:
    """The city, for a row printed with the city's bare name ("Blora", "Kediri"), unless one of
    its kecamatan is "Kota <that name>" (Kecamatan Kota Blora, whose Kemendagri name is "Blora";
    Kecamatan Kota Kediri, "Kota"): then the row may be either, and it is refused."""
    key = compact(name)
    hits = sorted(regions.scopes.get(f"sub:{city}", {}).get("KOTA" + key, set()))
    if not hits or key.startswith(("KOTA", "KABUPATEN")):
        return city, None
    return None, Problem(
        "city_or_kecamatan",
        row=row.row,
        column=row.column_of_region,
        fields={
            "name": row.region.strip(),
            "city": regions.name(city),
            "kecamatan": f"{regions.name(hits[0])} ({hits[0]})",
        },
    )


def _one(row: RawRow, regions: Regions, city: str | None) -> tuple[str | None, Problem | None]:
    code: str | None = None
    if row.region_is_code:
        given = row.region.strip()
        if given in regions.by_code:
            return given, None
        return None, Problem("unknown_code", row=row.row, column="A", fields={"code": given})
    if row.code:
        return _by_code(row, row.code, regions, city)
    if row.is_total and city is not None:
        name = without_marks(row.region)
        kinds = [_total_part(part, regions, city) for part in re.split(r"\s*/\s*", name) if part]
        if "subtotal" in kinds:  # "Jumlah Medan Utara": a part of the city, not the city
            return None, Problem(
                "total_label",
                row=row.row,
                column=row.column_of_region,
                fields={"name": row.region.strip(), "city": regions.name(city)},
            )
        if kinds and all(k == "word" for k in kinds):
            return city, None
        own, _ = regions.find(name, f"sub:{city}")  # a kecamatan named like its city is that kecamatan
        if own is not None:
            return own, None
        if kinds and all(k in ("word", "city") for k in kinds):
            return _city_unless_kota_kecamatan(row, name, regions, city)
        found, _ = regions.find(name, "kab:*")
        expected = regions.name(city)
        return None, Problem(
            "other_city",
            row=row.row,
            column=row.column_of_region,
            fields={"found": regions.name(found) if found else name, "expected": expected},
        )
    if row.code_hint is not None and row.code_hint in regions.by_code:
        return _by_code(row, row.code_hint, regions, city)
    if city is not None:
        scope = f"sub:{city}"
        code, suggestions = regions.find(row.region, scope)
        if code is None and compact(row.region) in names_of(regions, city):
            return _city_unless_kota_kecamatan(row, row.region.strip(), regions, city)
    elif row.province is not None:
        prov, suggestions = regions.find(row.province, "top")
        if prov is None and regions.find(row.province, "kab:*")[0] is not None:
            # the block's upper-case row was a kab/kota printed in capitals, not a province
            scope = "kab:*"
            code, suggestions = regions.find(row.region, scope)
        elif prov is None:
            return None, _problem(row, row.province, "top", regions, suggestions)
        else:
            scope = f"kab:{prov}"
            code, suggestions = regions.find(row.region, scope)
    else:
        scope = "top"
        code, suggestions = regions.find(row.region, scope)
        if code is None:
            code, more = regions.find(row.region, "kab:*")
            suggestions = suggestions or more
    if code is None:
        return None, _problem(row, row.region, scope, regions, suggestions)
    return code, None
