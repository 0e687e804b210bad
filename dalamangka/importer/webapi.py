"""Format 4: BPS WebAPI dynamic-table JSON, from a saved response or fetched live.

A ``datacontent`` key is vervar.val + var.val + turvar.val + tahun.val + turtahun.val written
one after the other; the parts have no fixed width, so a key is decoded by trying the known
values of each part in turn (every way of splitting it is tried; exactly one must fit).

A live fetch needs the user's own WebAPI key. The key is used for the one request and never
stored, logged or put in an error message (the URL holding it is never shown).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from dalamangka.importer.grid import decode
from dalamangka.importer.model import ImportFailed, Parsed, Problem, RawRow
from dalamangka.importer.units import Stated, in_label, in_unit_text

FORMAT = "webapi_json"
BASE = "https://webapi.bps.go.id/v1/api/list/model/data/lang/{lang}/domain/{domain}/var/{var}"
TURTAHUN_PERIODE = {0: 0, 13: 0, **{m: m for m in range(1, 13)}}


PARTS = ("vervar", "var", "turvar", "tahun", "turtahun")
SCALAR = (str, int, float)


def _broken(detail: str) -> ImportFailed:
    return ImportFailed([Problem("broken_webapi", fields={"detail": detail})])


def _scalar(v: Any) -> bool:
    return isinstance(v, SCALAR) and not isinstance(v, bool)


def check_structure(doc: dict[str, Any]) -> None:
    """Refuse a response whose structure differs from what :func:`parse_doc` reads: every key it
    indexes is there and of the type it expects, so a malformed file can only be refused."""
    for part in PARTS:
        items = doc.get(part)
        if part in ("turvar", "turtahun") and items is None:
            continue  # optional in older responses: no breakdown, yearly figures
        if not isinstance(items, list) or not items:
            raise _broken(f"'{part}' tidak ada, kosong, atau bukan daftar")
        for k, x in enumerate(items):
            if not isinstance(x, dict):
                raise _broken(f"{part}[{k}] bukan objek {{val, label}}")
            if "val" not in x:
                raise _broken(f"{part}[{k}] tanpa 'val'")
            if not _scalar(x["val"]) or not str(x["val"]).strip():
                raise _broken(f"{part}[{k}].val bukan angka atau teks")
            if part == "tahun" and x.get("label") is None:
                raise _broken(f"tahun[{k}] tanpa 'label'")
            for key in ("label", "unit"):
                if key in x and x[key] is not None and not _scalar(x[key]):
                    raise _broken(f"{part}[{k}].{key} bukan teks")
        if part == "tahun":
            for k, x in enumerate(items):
                val, label = str(x["val"]).strip(), str(x["label"]).strip()
                if not re.fullmatch(r"\d{1,3}", val):
                    raise _broken(f"tahun[{k}].val '{val}' bukan tahun - 1900")
                if re.fullmatch(r"\d{4}", label) and int(label) != int(val) + 1900:
                    raise _broken(f"tahun[{k}] val {val} bukan tahun {label} (val = tahun - 1900)")
    for key in ("domain", "last_update"):
        if doc.get(key) is not None and not _scalar(doc[key]):
            raise _broken(f"'{key}' bukan teks")
    for key, value in doc["datacontent"].items():
        if value is not None and not _scalar(value):
            raise _broken(f"nilai datacontent['{key}'] bukan angka")


def _vals(doc: dict[str, Any], part: str) -> list[str]:
    items = doc.get(part) or []
    return [str(x["val"]) for x in items if isinstance(x, dict) and "val" in x]


def _plain(s: str) -> str:
    """Text without markup (labels and definitions may hold HTML): shown inert, never rendered."""
    return " ".join(re.sub(r"<[^>]*>", " ", s).split())


def decode_key(key: str, parts: list[list[str]]) -> list[tuple[str, ...]]:
    """Every way ``key`` splits into one known value of each part, in order."""
    if not parts:
        return [()] if key == "" else []
    found: list[tuple[str, ...]] = []
    for v in sorted(set(parts[0]), key=len, reverse=True):
        if key.startswith(v):
            found += [(v, *rest) for rest in decode_key(key[len(v) :], parts[1:])]
    return found


def parse_doc(doc: Any, name: str = "") -> Parsed:
    if not isinstance(doc, dict) or ("datacontent" not in doc and "status" not in doc):
        raise ImportFailed([Problem("unknown_format", fields={"detail": "bukan respons WebAPI"})])
    if doc.get("data-availability") != "available" or not isinstance(doc.get("datacontent"), dict):
        raise ImportFailed(
            [
                Problem(
                    "webapi_status",
                    fields={"status": doc.get("status"), "availability": doc.get("data-availability")},
                )
            ]
        )
    check_structure(doc)
    parts = [_vals(doc, p) for p in PARTS]
    labels = {
        str(x["val"]): str(x.get("label") or "") for x in doc.get("vervar") or [] if isinstance(x, dict)
    }
    years = {str(x["val"]): str(x["label"]) for x in doc.get("tahun") or [] if isinstance(x, dict)}
    turvar = [x for x in doc.get("turvar") or [] if isinstance(x, dict)]
    turvar_labels = {str(x.get("val")): _plain(str(x.get("label") or "")) for x in turvar}
    # a breakdown (e.g. Laki-laki, Perempuan, Jumlah): each is a figure of its own, its rincian
    broken_down = len(turvar) > 1 or any(str(x.get("val")) != "0" for x in turvar)
    var = (doc.get("var") or [{}])[0]
    problems: list[Problem] = []
    rows: list[RawRow] = []
    for n, (key, value) in enumerate(doc["datacontent"].items(), start=1):
        splits = decode_key(str(key), parts)
        if len(splits) != 1:
            problems.append(Problem("webapi_key", row=n, column="datacontent", fields={"datakey": key}))
            continue
        vervar, _var, tv, th, tt = splits[0]
        label = years.get(th, "")
        tahun = int(label) if re.fullmatch(r"\d{4}", label) else int(th) + 1900
        periode = TURTAHUN_PERIODE.get(int(tt)) if tt.isdigit() else None
        if periode is None:  # quarters and other sub-periods have no place: refuse, never drop
            problems.append(
                Problem("webapi_period", row=n, column=f"datacontent[{key}]", fields={"turtahun": tt})
            )
            continue
        region = labels.get(vervar, vervar)
        rows.append(
            RawRow(
                row=n,
                column=f"datacontent[{key}]",
                region=region,
                value=value,
                tahun=tahun,
                periode=periode,
                code_hint=vervar,
                rincian=turvar_labels.get(tv) or tv if broken_down else None,
            )
        )
    if problems:
        raise ImportFailed(problems)
    if not rows:
        raise ImportFailed([Problem("no_rows")])
    domain = str(doc.get("domain") or "")
    notes = {"var_id": str(var.get("val", "")), "last_update": str(doc.get("last_update", ""))}
    title = _plain(str(var.get("label") or "")) or None
    # the variable's unit (and one in its label, "Jumlah Penduduk (Ribu Jiwa)"): checked later
    unit = _plain(str(var.get("unit") or ""))
    stated = [Stated(u, where="var.unit") for u in in_unit_text(unit)]
    stated += [Stated(u, where="var.label") for u in in_label(title or "")]
    return Parsed(
        format=FORMAT,
        rows=rows,
        title=title,
        notes=notes,
        unit=str(var.get("unit") or "") or None,
        units={"": stated} if stated else {},
        scope=domain or None,
        kecamatan=len(domain) == 4 and not domain.endswith("00"),
    )


def parse(path: Path) -> Parsed:
    try:
        doc = json.loads(decode(path.read_bytes()))
    except json.JSONDecodeError as e:
        raise ImportFailed([Problem("broken_json", fields={"detail": f"baris {e.lineno}"})]) from None
    return parse_doc(doc, path.name)


def fetch(
    domain: str, var_id: str, key: str, lang: str = "ind", th: int | None = None, timeout: float = 30
) -> Any:
    """The WebAPI response for one variable. ``key`` goes into the request only."""
    if (
        not re.fullmatch(r"\d{4}", domain)
        or not re.fullmatch(r"\d{1,6}", var_id)
        or lang not in ("ind", "eng")
    ):
        raise ImportFailed([Problem("webapi_fetch", fields={"detail": "domain/var/lang tidak sah"})])
    if not re.fullmatch(r"[A-Za-z0-9]{8,64}", key):
        raise ImportFailed([Problem("webapi_fetch", fields={"detail": "format kunci tidak sah"})])
    url = BASE.format(lang=lang, domain=domain, var=var_id)
    if th is not None:
        url += f"/th/{int(th) - 1900}"
    url += "/key/" + key
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            data: bytes = resp.read(20_000_000)
    except urllib.error.HTTPError as e:
        raise ImportFailed([Problem("webapi_fetch", fields={"detail": f"HTTP {e.code}"})]) from None
    except TimeoutError:
        raise ImportFailed([Problem("webapi_fetch", fields={"detail": "waktu habis"})]) from None
    except (urllib.error.URLError, OSError):
        raise ImportFailed([Problem("webapi_fetch", fields={"detail": "koneksi gagal"})]) from None
    try:
        doc = json.loads(decode(data))
    except json.JSONDecodeError:
        raise ImportFailed([Problem("broken_json", fields={"detail": "respons"})]) from None
    if isinstance(doc, dict):
        doc.setdefault("domain", domain)
    return doc
