"""Every shipped indicator carries its MS-Indikator metadata, filled or explicitly unknown, and an
indicator without a name, unit and definition cannot enter the warehouse."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dalamangka import about, config, quality, sql, warehouse

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"


def _records() -> dict[str, dict[str, object]]:
    with config.INDICATORS_FILE.open("rb") as f:
        return tomllib.load(f)


def test_fixture_copy_of_indicators_is_equal() -> None:
    assert (TEST_DATA / "indicators.toml").read_bytes() == config.INDICATORS_FILE.read_bytes()


def test_every_key_in_indicators_toml_is_a_known_column() -> None:
    allowed = set(warehouse.INDICATOR_COLUMNS) | {"from", "derived"}
    for code, rec in _records().items():
        assert set(rec) <= allowed, (code, set(rec) - allowed)


def test_no_shipped_indicator_lacks_name_unit_definition() -> None:
    assert quality.missing_required(_records()) == {}


def test_every_shipped_indicator_has_metadata_filled_or_unknown(full: duckdb.DuckDBPyConnection) -> None:
    catalog = sql.run(full, "catalog_indicators")
    assert len(catalog) == len(_records()) == 90
    for _, row in catalog.iterrows():
        form = about.metadata_form(row)
        fields = quality.applicable_fields({str(k): v for k, v in row.items()})
        assert len(form) == len(fields), row.code
        values = dict(zip(form["Kolom MS-Indikator"], form["Isi"], strict=True))
        for label, value in values.items():
            assert isinstance(value, str) and value.strip(), (row.code, label)
        # name, definition, unit and the source publication are never unknown
        for f in ("name_id", "definition_id", "unit_id", "publikasi", "komposit", "akses_umum"):
            assert values[quality.field_label(f)] != "tidak diketahui", (row.code, f)
    completeness = quality.metadata_completeness(catalog)
    # no activity code is known for any shipped indicator: said so, not invented
    assert completeness.kurang.str.contains("Kode kegiatan").all()
    assert completeness.lengkap_persen.between(50, 100).all()


def test_metadata_of_core_indicators_filled(full: duckdb.DuckDBPyConnection) -> None:
    catalog = sql.run(full, "catalog_indicators").set_index("code")
    for code in ("ipm", "tpt", "p0"):
        for f in ("konsep_id", "definition_id", "interpretation_id", "method_id", "kegiatan_penghasil",
                  "level_estimasi", "klasifikasi_penyajian"):  # fmt: skip
            assert not quality.is_missing(catalog.loc[code, f]), (code, f)
    assert catalog.loc["ipm", "indikator_pembangun"] == "UHH, HLS, RLS, pengeluaran per kapita disesuaikan"
    # composites need their component indicators; non-composites do not
    assert "indikator_pembangun" in quality.applicable_fields({"komposit": True})
    assert "indikator_pembangun" not in quality.applicable_fields({"komposit": False})


def test_catalog_indicators_exact_rows(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "catalog_indicators")
    cols = ["code", "producer", "sumber", "tahun_awal", "tahun_akhir", "jumlah_wilayah", "jumlah_baris",
            "baris_kode_berlaku", "seri_konsep"]  # fmt: skip
    picked = got[got.code.isin(["ipm", "tpt", "penduduk_dukcapil"])][cols]
    assert [tuple(r) for r in picked.itertuples(index=False)] == [
        ("tpt", "BPS", "S02+S03+S08+S09", 2021, 2025, 8, 31, 31, 1),
        ("ipm", "BPS", "S01", 2019, 2021, 14, 42, 42, 3),
        ("penduduk_dukcapil", "Ditjen Dukcapil Kemendagri", "S07+S13", 2024, 2024, 10, 10, 10, 6),
    ]
    assert len(got) == 90


def _drop_field(text: str, code: str, field: str) -> str:
    lines = text.splitlines(keepends=True)
    start = lines.index(f"[{code}]\n")
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("["):
            break
        if lines[i].startswith(f"{field} = "):
            del lines[i]
            return "".join(lines)
    raise AssertionError(f"{field} not in [{code}]")


@pytest.mark.parametrize("field", ["name_id", "name_en", "unit_id", "definition_id"])
def test_build_refuses_an_indicator_without_name_unit_definition(tmp_path: Path, field: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(TEST_DATA, data)
    path = data / "indicators.toml"
    path.write_text(_drop_field(path.read_text(encoding="utf-8"), "tpt", field), encoding="utf-8")
    with pytest.raises(warehouse.BuildError, match=rf"indikator tpt: kolom wajib kosong \['{field}'\]"):
        warehouse.stage_indicators(data)
    with pytest.raises(warehouse.BuildError):
        warehouse.build(tmp_path / "w.duckdb", data_dir=data)
    assert not (tmp_path / "w.duckdb").exists()
    with path.open("rb") as f:
        assert quality.missing_required(tomllib.load(f)) == {"tpt": [field]}


@pytest.mark.parametrize("field", ["name_id", "unit_id", "definition_id"])
def test_import_refuses_a_new_indicator_without_name_unit_definition(field: str) -> None:
    validate = pytest.importorskip("dalamangka.importer.validate")
    model = pytest.importorskip("dalamangka.importer.model")
    complete = {
        "name_id": "Jumlah puskesmas",
        "unit_id": "unit",
        "definition_id": "Puskesmas yang beroperasi.",
    }
    rec = {k: v for k, v in complete.items() if k != field}
    row = model.RawRow(row=2, column="B", region="Medan Kota", value="3", tahun=2024, indikator="puskesmas")
    parsed = model.Parsed(format="template", rows=[row])
    options = validate.Options(new_indicators={"puskesmas": rec})
    indicators = pd.DataFrame({"code": ["tpt"], "unit_id": ["persen"]})
    _, _, problems = validate.validate(parsed, ["1275010"], None, indicators, options)
    assert [(p.code, p.fields["missing"]) for p in problems] == [("new_indicator_incomplete", field)]
    assert quality.missing_required({"puskesmas": {**rec, "name_en": "Health centres"}}) == {
        "puskesmas": [field]
    }


def test_region_names_carry_no_stray_spaces(full: duckdb.DuckDBPyConnection) -> None:
    """The Kemendagri reference list has "Kota Administrasi Jakarta Utara " (a trailing space):
    the warehouse keeps names with single spaces and none at either end, so a link or a search
    by the name finds the region."""
    tidy = "trim(regexp_replace(nama, '\\s+', ' ', 'g'))"
    bad = full.sql(f"select kode, nama from regions where nama <> {tidy}")
    assert bad.fetchall() == []
    assert full.sql("select nama from regions where kode = '3175'").fetchall() == [
        ("Kota Administrasi Jakarta Utara",)
    ]
