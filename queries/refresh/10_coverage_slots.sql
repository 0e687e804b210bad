-- Recomputes summary_coverage_slots whenever the facts change (at build and in every import commit).
-- Each row represents one indicator and year for which at least one region of a tier
-- (kabupaten/kota or kecamatan) anywhere has a figure: the slots quality_coverage checks.
create or replace table summary_coverage_slots as
select distinct
    f.indicator,
    f.tahun,
    case when r.level = 'kecamatan' then 'kecamatan' else 'kabupaten/kota' end as tingkat
from facts_all as f
inner join regions as r on r.kode = f.kode
where r.level in ('kabupaten', 'kota', 'kecamatan')
order by indicator, tahun, tingkat
