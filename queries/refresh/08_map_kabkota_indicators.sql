-- Recomputes summary_map_kabkota_indicators whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/map_kabkota_indicators.sql:
-- Each row represents one indicator and year with figures for kab/kota that have a boundary:
-- how many kab/kota (and how many kota) have a figure, the indicator's metadata and source.
-- Parameters: none.
create or replace table summary_map_kabkota_indicators as
select
    f.indicator,
    f.tahun,
    count(*) as n_wilayah,
    count(*) filter (where s.level = 'kota') as n_kota,
    min(f.source_id) as source_id,
    max(f.source_id) as source_id_max,
    i.short_id, i.short_en, i.name_id, i.name_en, i.unit_id, i.unit_en, i.decimals,
    i.higher_is_better, i.additive, i.concept
from facts_all as f
inner join shapes as s on s.kode = f.kode and s.layer = 'kabkota'
inner join indicators as i on i.code = f.indicator
where f.periode = 0
group by all
order by i.short_id, f.tahun desc
