-- Recomputes summary_quality_two_sources whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/quality_two_sources.sql:
-- Each row represents one source's figure for an indicator, region, year and period that two or
-- more sources give with different values (every disagreeing observation, with whether it is the
-- one `facts` shows). Parameters: none.
create or replace table summary_quality_two_sources as
with disagreeing as (
    select indicator, kode, tahun, periode
    from observations
    group by indicator, kode, tahun, periode
    having count(distinct nilai) > 1
)
select
    o.indicator,
    o.kode,
    r.nama,
    o.tahun,
    o.periode,
    o.source_id,
    o.nilai,
    f.source_id = o.source_id as dipakai
from observations as o
inner join disagreeing as d
    on d.indicator = o.indicator and d.kode = o.kode and d.tahun = o.tahun and d.periode = o.periode
inner join regions as r on r.kode = o.kode
inner join facts as f
    on f.indicator = o.indicator and f.kode = o.kode and f.tahun = o.tahun and f.periode = o.periode
order by o.indicator, o.kode, o.tahun, o.periode, o.source_id
