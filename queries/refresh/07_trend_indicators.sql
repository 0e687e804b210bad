-- Recomputes summary_trend_indicators whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/trend_indicators.sql:
-- Each row represents one indicator that has yearly figures for at least one current region
-- (nasional, provinsi, kota or kabupaten), with its names, unit, decimals, concept, definition,
-- the first and last year with a figure and how many current kota have one.
-- Parameters: none.
create or replace table summary_trend_indicators as
with coverage as (
    select
        f.indicator,
        min(f.tahun) as tahun_awal,
        max(f.tahun) as tahun_akhir,
        count(distinct f.kode) filter (where r.level = 'kota') as n_kota
    from facts_all as f
    inner join regions as r on r.kode = f.kode
    where f.periode = 0 and r.is_current and r.level in ('nasional', 'provinsi', 'kota', 'kabupaten')
    group by f.indicator
)
select
    i.code, i.short_id, i.short_en, i.name_id, i.name_en, i.unit_id, i.unit_en, i.decimals,
    i.higher_is_better, i.concept, i.definition_id, i.definition_en,
    c.tahun_awal, c.tahun_akhir, c.n_kota
from indicators as i
inner join coverage as c on c.indicator = i.code
order by i.chapter, i.code
