-- Copies the indicator records read from data/indicators.toml (registered as stage_indicators).
insert into indicators
select code, name_id, name_en, short_id, short_en, unit_id, unit_en, decimals, higher_is_better,
       chapter, concept, additive, update_years, producer, derived_formula, definition_id,
       definition_en, method_id, interpretation_id, komposit, indikator_pembangun,
       kegiatan_penghasil, level_estimasi, konsep_id, klasifikasi_penyajian, kode_kegiatan,
       variabel_pembangun, cast(akses_umum as boolean), cast(nilai_min as double),
       cast(nilai_maks as double), cast(lonjakan_maks as double), cast(release_lag_years as integer)
from stage_indicators
