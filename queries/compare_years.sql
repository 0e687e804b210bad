-- Each row represents one year in which the chosen indicator has yearly figures for current
-- kota or kabupaten, with how many kota and how many kabupaten have one.
-- Parameters: $indicator (indicator code).
select
    f.tahun,
    count(*) filter (where r.level = 'kota') as n_kota,
    count(*) filter (where r.level = 'kabupaten') as n_kabupaten
from facts_all as f
inner join regions as r on r.kode = f.kode
where f.indicator = $indicator
    and f.periode = 0
    and r.is_current
    and r.level in ('kota', 'kabupaten')
group by f.tahun
order by f.tahun
