-- Recomputes summary_quality_out_of_range whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/quality_out_of_range.sql:
-- Each row represents one figure outside the range its indicator can take (indicators.nilai_min,
-- indicators.nilai_maks; e.g. a percentage above 100 or a negative count). Parameters: none.
create or replace table summary_quality_out_of_range as
select
    f.indicator,
    f.kode,
    r.nama,
    f.tahun,
    f.periode,
    f.nilai,
    i.nilai_min,
    i.nilai_maks,
    f.source_id
from facts_all as f
inner join indicators as i on i.code = f.indicator
inner join regions as r on r.kode = f.kode
where f.nilai < i.nilai_min or f.nilai > i.nilai_maks
order by f.indicator, f.kode, f.tahun, f.periode
