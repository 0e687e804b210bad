"""Downloads, the same on every exploration page: "what is shown" and "the full series".

Both come as CSV (UTF-8 with BOM, figures rounded as shown, BPS codes and names, one column per
year) and as XLSX (sheet ``Data``: the same table; sheet ``Metadata``: one row per figure with
its definition, unit, source and status; sheet ``Kutipan``: how to cite the download). A map
also downloads as GeoJSON (its features with the figures drawn, rounded as shown).

Input is a long frame of figures (one row per indicator, region and year: ``indicator, kode,
nama, tahun, nilai, status, source_id`` and optionally ``derived``, ``provinsi_nama``), as the
queries ``trend_series``, ``indicator_series`` and ``compare_values`` return them, plus the
indicator catalogue (``trend_indicators`` rows). A figure whose indicator the catalogue lacks is
refused (ValueError naming it): a download never holds a figure without its metadata.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from dalamangka import fmt, geo, trends
from dalamangka.i18n import COMMON, Text

T = Text(
    {
        "sheet_data": ("Data", "Data"),
        "sheet_meta": ("Metadata", "Metadata"),
        "sheet_cite": ("Kutipan", "Citation"),
        "kode": ("Kode BPS", "BPS code"),
        "wilayah": ("Wilayah", "Region"),
        "provinsi": ("Provinsi", "Province"),
        "indicator_code": ("Kode indikator", "Indicator code"),
        "indicator": ("Indikator", "Indicator"),
        "unit": ("Satuan", "Unit"),
        "year": ("Tahun", "Year"),
        "value": ("Nilai", "Value"),
        "definition": ("Definisi", "Definition"),
        "source": ("Sumber", "Source"),
        "status": ("Status angka", "Status of the figure"),
        "derived": ("dihitung dari angka sumber", "computed from the source figures"),
        "cite_line": (
            "Kota Dalam Angka, diunduh {date}: {indicators}; {n} wilayah; tahun {years}. "
            "Diolah dari: {sources}.",
            "Kota Dalam Angka, downloaded {date}: {indicators}; {n} regions; years {years}. "
            "Compiled from: {sources}.",
        ),
        "cite_head": ("Cara mengutip", "How to cite"),
        "cite_sources": ("Sumber angka", "Sources of the figures"),
        "cite_note": (
            "Angka dibulatkan seperti di layar. Sel kosong = tidak ada data (bukan nol).",
            "Figures rounded as on screen. Empty cell = no data (not zero).",
        ),
        "label_shown": ("Unduh yang ditampilkan", "Download what is shown"),
        "label_full": ("Unduh seri lengkap", "Download the full series"),
        "csv": ("CSV", "CSV"),
        "xlsx": ("XLSX (dengan metadata)", "XLSX (with metadata)"),
        "geojson": ("Peta (GeoJSON)", "Map (GeoJSON)"),
        "no_meta": (
            "Unduhan dibatalkan: indikator {code} tidak punya metadata di katalog.",
            "Download refused: indicator {code} has no metadata in the catalogue.",
        ),
    }
)
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_MIME = "application/geo+json"
FIGURE_COLUMNS = ("indicator", "kode", "nama", "tahun", "nilai", "status", "source_id")


@dataclass(frozen=True)
class Measure:
    """What one exported figure is: name, unit, decimals shown and definition.

    ``source`` overrides the per-figure citation (a measure computed here, e.g. a density,
    names its inputs' sources and how it was computed)."""

    code: str
    name: str
    unit: str
    decimals: int
    definition: str
    source: str | None = None


def measures(catalog: pd.DataFrame, lang: str = "id") -> dict[str, Measure]:
    """One :class:`Measure` per indicator of a ``trend_indicators`` catalogue."""
    en = lang == "en"
    return {
        str(r["code"]): Measure(
            str(r["code"]),
            str(r["name_en" if en else "name_id"]),
            str(r["unit_en" if en else "unit_id"]),
            int(str(r["decimals"])),
            str(r["definition_en" if en else "definition_id"]),
        )
        for r in catalog.to_dict("records")
    }


def _rounded(value: object, decimals: int) -> object:
    """A figure as shown: an int when shown without decimals, else a float; None when missing."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    v = fmt.rounded(float(value), decimals)  # type: ignore[arg-type]
    return int(v) if decimals == 0 else v


def _check(figures: pd.DataFrame, meta: Mapping[str, Measure], lang: str) -> pd.DataFrame:
    missing = [c for c in FIGURE_COLUMNS if c not in figures]
    if missing:
        raise ValueError(f"figures without columns {missing}")
    have = figures[figures.nilai.notna()]
    for code in dict.fromkeys(have.indicator.astype(str)):
        if code not in meta:
            raise ValueError(T("no_meta", lang, code=code))
    return have


def data_table(figures: pd.DataFrame, meta: Mapping[str, Measure], lang: str = "id") -> pd.DataFrame:
    """The wide table: BPS code, region, (province), indicator code and name, unit, then one
    column per year (every year from the first to the last figure), figures rounded as shown,
    empty where there is no figure. Rows in the order the (indicator, region) pairs first
    appear in ``figures``."""
    have = _check(figures, meta, lang)
    heads = [T("kode", lang), T("wilayah", lang)]
    with_prov = "provinsi_nama" in have
    heads += [T("provinsi", lang)] if with_prov else []
    heads += [T("indicator_code", lang), T("indicator", lang), T("unit", lang)]
    if have.empty:
        return pd.DataFrame(columns=heads)
    years = [str(y) for y in range(int(have.tahun.min()), int(have.tahun.max()) + 1)]
    rows: dict[tuple[str, str], dict[str, object]] = {}
    r: Any
    for r in have.itertuples(index=False):
        code, kode = str(r.indicator), str(r.kode)
        m = meta[code]
        row = rows.get((code, kode))
        if row is None:
            row = {T("kode", lang): kode, T("wilayah", lang): str(r.nama)}
            if with_prov:
                prov = getattr(r, "provinsi_nama", None)
                row[T("provinsi", lang)] = "" if prov is None or pd.isna(prov) else str(prov)
            row.update(
                {T("indicator_code", lang): code, T("indicator", lang): m.name, T("unit", lang): m.unit}
            )
            row.update(dict.fromkeys(years))
            rows[(code, kode)] = row
        row[str(int(r.tahun))] = _rounded(r.nilai, m.decimals)
    out = pd.DataFrame(list(rows.values()), columns=[*heads, *years])
    for y in years:
        out[y] = out[y].astype(object)
    return out


def metadata_table(
    figures: pd.DataFrame, meta: Mapping[str, Measure], sources: pd.DataFrame, lang: str = "id"
) -> pd.DataFrame:
    """One row per figure (same order as the data sheet, then by year): BPS code, region,
    indicator code and name, year, value as shown, unit, definition, source, status."""
    have = _check(figures, meta, lang)
    cols = [
        "kode",
        "wilayah",
        "indicator_code",
        "indicator",
        "year",
        "value",
        "unit",
        "definition",
        "source",
        "status",
    ]
    if have.empty:
        return pd.DataFrame(columns=[T(c, lang) for c in cols])
    order = {
        k: i
        for i, k in enumerate(
            dict.fromkeys(zip(have.indicator.astype(str), have.kode.astype(str), strict=True))
        )
    }
    have = have.assign(_o=[order[(str(a), str(b))] for a, b in zip(have.indicator, have.kode, strict=True)])
    have = have.sort_values(["_o", "tahun"], kind="stable")
    cites = trends._citations(sources, lang)
    out = []
    r: Any
    for r in have.itertuples(index=False):
        m = meta[str(r.indicator)]
        given = getattr(r, "sumber", None)
        if isinstance(given, str) and given:
            source = given
        else:
            source = m.source or trends._cite(str(r.source_id), cites)
            if bool(getattr(r, "derived", False)) and not m.source:
                source += f" ({T('derived', lang)})"
        out.append(
            {
                T("kode", lang): str(r.kode),
                T("wilayah", lang): str(r.nama),
                T("indicator_code", lang): m.code,
                T("indicator", lang): m.name,
                T("year", lang): int(r.tahun),
                T("value", lang): _rounded(r.nilai, m.decimals),
                T("unit", lang): m.unit,
                T("definition", lang): m.definition,
                T("source", lang): source,
                T("status", lang): COMMON("status_" + str(r.status), lang)
                if not pd.isna(r.status)
                else COMMON("status_tidak_diketahui", lang),
            }
        )
    return pd.DataFrame(out)


def citation_line(
    figures: pd.DataFrame, meta: Mapping[str, Measure], sources: pd.DataFrame, lang: str, today: dt.date
) -> str:
    """One line to cite the download: date, indicators, number of regions, years, sources."""
    have = _check(figures, meta, lang)
    names = ", ".join(meta[c].name for c in dict.fromkeys(have.indicator.astype(str)))
    years = sorted({int(y) for y in have.tahun})
    span = "-" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    given = {m.source for c in dict.fromkeys(have.indicator.astype(str)) if (m := meta[c]).source}
    cited = trends.citation(trends.source_ids(have), sources, lang) if not given else "; ".join(sorted(given))
    return T(
        "cite_line",
        lang,
        date=fmt.date(today, lang),
        indicators=names or "-",
        n=fmt.number(have.kode.nunique(), 0, lang),
        years=span,
        sources=cited or "-",
    )


@dataclass(frozen=True, eq=False)
class Download:
    """One downloadable set of figures. Cheap to make: its tables are built on first use (the
    download buttons' callables run on click), then kept."""

    figures: pd.DataFrame = field(repr=False)
    meta: Mapping[str, Measure] = field(repr=False)
    sources: pd.DataFrame = field(repr=False)
    lang: str
    name: str  # file name without extension
    today: dt.date

    def __post_init__(self) -> None:
        _check(self.figures, self.meta, self.lang)  # refuse a figure without metadata at once

    @cached_property
    def data(self) -> pd.DataFrame:
        return data_table(self.figures, self.meta, self.lang)

    @cached_property
    def metadata(self) -> pd.DataFrame:
        return metadata_table(self.figures, self.meta, self.sources, self.lang)

    @cached_property
    def citation(self) -> str:
        return citation_line(self.figures, self.meta, self.sources, self.lang, self.today)

    def csv(self) -> bytes:
        """UTF-8 with a byte-order mark (spreadsheet programs then read the accents)."""
        return self.data.to_csv(index=False).encode("utf-8-sig")

    def xlsx(self) -> bytes:
        """Sheets Data, Metadata and Kutipan (citation line, note, the sources in full)."""
        lang = self.lang
        cite_rows = [
            [T("cite_head", lang)],
            [self.citation],
            [T("cite_note", lang)],
            [""],
            [T("cite_sources", lang)],
        ]
        used = _used_sources(self.metadata, T("source", lang))
        for r in self.sources.to_dict("records"):
            if str(r["source_id"]) in used:
                parts = [r.get(k) for k in ("publisher", "publication", "table_name", "licence")]
                text = ". ".join(str(p) for p in parts if p is not None and not pd.isna(p))
                cite_rows.append([f"[{r['source_id']}] {text}"])
        cite = pd.DataFrame(cite_rows)
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
            for frame, sheet, header in (
                (self.data, T("sheet_data", lang), True),
                (self.metadata, T("sheet_meta", lang), True),
                (cite, T("sheet_cite", lang), False),
            ):
                frame.to_excel(writer, sheet_name=sheet, index=False, header=header)
                ws = writer.sheets[sheet]
                for i, col in enumerate(frame.columns):
                    width = max([len(str(col)), *(len(str(v)) for v in frame[col].head(200))]) + 2
                    ws.set_column(i, i, min(width, 60 if header else 120))
        return buffer.getvalue()

    def files(self) -> list[tuple[str, Any, str, str]]:
        """(label, make-bytes callable, file name, mime) for the two download buttons."""
        lang = self.lang
        return [
            (T("csv", lang), self.csv, f"{self.name}.csv", CSV_MIME),
            (T("xlsx", lang), self.xlsx, f"{self.name}.xlsx", XLSX_MIME),
        ]


def _used_sources(metadata: pd.DataFrame, column: str) -> set[str]:
    if metadata.empty or column not in metadata:
        return set()
    found: set[str] = set()
    for text in metadata[column].astype(str):
        for part in text.split("["):
            if "]" in part:
                found.add(part.split("]", 1)[0])
    return found


def build(
    figures: pd.DataFrame,
    meta: Mapping[str, Measure],
    sources: pd.DataFrame,
    name: str,
    lang: str = "id",
    today: dt.date | None = None,
) -> Download:
    """A :class:`Download` of these figures (call once per view; the files are made on click)."""
    return Download(figures, meta, sources, lang, name, today or dt.date.today())


# --- per page: which figures are "shown" and which are "the full series" -----------------------


def tren_shown(grid: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Tren, what is shown: the figures of every line drawn, within the year range."""
    g = grid[grid.nilai.notna()]
    if years is not None:
        g = g[g.tahun.between(years[0], years[1])]
    return g.reset_index(drop=True)


def tren_full(rows: pd.DataFrame) -> pd.DataFrame:
    """Tren, the full series: every year of every series of the concept for the regions drawn
    (``trend_series`` rows, not clipped to the range)."""
    return rows[rows.nilai.notna()].reset_index(drop=True)


def bandingkan_shown(rows: pd.DataFrame, year: int, indicator: str) -> pd.DataFrame:
    """Bandingkan, what is shown: the ranked members' figures of the year (``compare.ranked``)."""
    out = rows.assign(indicator=indicator, tahun=int(year))
    return out[[*FIGURE_COLUMNS, *(c for c in ("derived", "provinsi_nama") if c in out)]].reset_index(
        drop=True
    )


def series_full(rows: pd.DataFrame, order: Sequence[str] = ()) -> pd.DataFrame:
    """Bandingkan or the national map, the full series: ``indicator_series`` rows for the
    members (every year), in the order of ``order`` (the table's order) when given."""
    have = rows[rows.nilai.notna()]
    if order:
        pos = {k: i for i, k in enumerate(order)}
        have = (
            have.assign(_o=have.kode.map(pos)).sort_values(["_o", "tahun"], kind="stable").drop(columns="_o")
        )
    return have.reset_index(drop=True)


def peta_shown(
    view: Any,
    indicator: str,
    year: int,
    meta: Measure,
    sources: pd.DataFrame,
    lang: str = "id",
    area: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, Measure]]:
    """Peta, what is shown: one figure per region of the map, the measure drawn.

    A density or share computed here gets its own measure (code ``<indicator>:<measure>``,
    unit, decimals, the definition plus how it was computed) and, per figure, the sources it
    was computed from: the figure's own source, then the area's (``area``: indicator_series
    rows of ``luas_wilayah_bps`` for the kecamatan, for ``kepadatan_bps``). ``view``: a
    :class:`dalamangka.maps.MapView`.
    """
    frame = view.frame
    have = frame[frame[view.value].notna() & frame.kode.notna()]
    cites = trends._citations(sources, lang)
    own = [trends._cite(str(s), cites) for s in have.source_id]
    sumber: list[str | None] = [None] * len(have)
    if view.value == "nilai":
        measure, code = meta, indicator
    else:
        code = f"{indicator}:{view.value}"
        note = " ".join(view.notes[:1])
        name = str(view.title).split(" · ")[0]
        measure = Measure(code, name, view.unit, view.decimals, f"{meta.definition} {note}".strip(), None)
        extra: list[str] = [""] * len(have)
        if view.value == "kepadatan_bps":
            if area is None:
                raise ValueError("kepadatan_bps: area rows (luas_wilayah_bps) are needed for the sources")
            latest = (
                area.sort_values("tahun").drop_duplicates("kode", keep="last").set_index("kode").source_id
            )
            extra = [trends._cite(str(latest.get(k, "")), cites) for k in have.kode]
        word = T("derived", lang)
        sumber = [f"{a}; {b} ({word})" if b else f"{a} ({word})" for a, b in zip(own, extra, strict=True)]
    figures = pd.DataFrame(
        {
            "indicator": code,
            "kode": have.kode.astype(str).to_numpy(),
            "nama": have.nama.astype(str).to_numpy(),
            "tahun": int(year),
            "nilai": have[view.value].astype(float).to_numpy(),
            "status": have.status.to_numpy(),
            "source_id": have.source_id.to_numpy(),
            "derived": view.value != "nilai",
            "sumber": sumber,
        }
    )
    return figures, {code: measure}


def map_geojson(view: Any, collection: dict[str, Any], year: int, lang: str = "id") -> bytes:
    """The map as GeoJSON: each feature's geometry with its BPS code, name, year, the measure
    drawn (rounded as shown), unit, rank (of the measure drawn), status and source id."""
    frame = view.frame
    props = pd.DataFrame(
        {
            view.key: frame[view.key].to_numpy(),
            "kode_bps": frame.kode.to_numpy(),
            "nama": frame.nama.astype(str).to_numpy(),
            "tahun": int(year),
            "ukuran": view.value,
            "nilai": [_rounded(v, view.decimals) for v in frame[view.value]],
            "satuan": view.unit,
            "peringkat": [None if pd.isna(v) else int(v) for v in frame.peringkat],
            "status": frame.status.to_numpy(),
            "sumber": frame.source_id.to_numpy(),
        }
    )
    if view.key == "kode":
        props = props.drop(columns="kode_bps")
    return geo.download_geojson(collection, props, view.key)


def labels(lang: str = "id") -> dict[str, str]:
    """Headings of the two download groups and the GeoJSON button."""
    return {k: T("label_" + k, lang) for k in ("shown", "full")} | {"geojson": T("geojson", lang)}
