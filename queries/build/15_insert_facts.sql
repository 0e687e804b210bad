-- Keeps one figure per indicator, region, year and period: the one from the lowest-ranked
-- source (sources.rank); the others stay in `observations`. Stored in (indicator, tahun, kode)
-- order, so queries that filter or join on indicators skip the row groups of other indicators
-- (docs/benchmarks.md, national scale).
insert into facts
with ranked as (
    select
        o.indicator, o.kode, o.tahun, o.periode, o.nilai, o.status, o.source_id,
        row_number() over (
            partition by o.indicator, o.kode, o.tahun, o.periode
            order by s.rank, o.source_id
        ) as n
    from observations as o
    inner join sources as s on s.source_id = o.source_id
)
select indicator, kode, tahun, periode, nilai, status, source_id
from ranked
where n = 1
order by indicator, tahun, kode, periode
