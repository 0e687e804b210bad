-- Recomputes summary_indicator_catalog whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/indicator_catalog.sql:
-- Each row represents one indicator with its metadata (names, unit, definition, MS-Indikator
-- fields) and the years and number of regions it has figures for.
-- Parameters: none.
create or replace table summary_indicator_catalog as
with coverage as (
    select
        indicator,
        min(tahun) as tahun_awal,
        max(tahun) as tahun_akhir,
        count(distinct kode) as jumlah_wilayah
    from facts_all
    group by indicator
)
select
    i.code, i.name_id, i.name_en, i.short_id, i.short_en, i.unit_id, i.unit_en, i.decimals,
    i.higher_is_better, i.chapter, i.concept, i.additive, i.update_years, i.producer,
    i.derived_formula, i.definition_id, i.definition_en, i.method_id, i.interpretation_id,
    i.komposit, i.indikator_pembangun, i.kegiatan_penghasil, i.level_estimasi,
    c.tahun_awal, c.tahun_akhir, c.jumlah_wilayah, i.release_lag_years
from indicators as i
left join coverage as c on c.indicator = i.code
order by i.chapter, i.code
