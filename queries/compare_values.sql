-- Each row represents one current kota or kabupaten with a yearly figure of the chosen
-- indicator in the chosen year: its province, value, status and source, and its rank that year
-- among the regions of its level (kota or kabupaten) that have a figure. Rank 1 is the best
-- where higher_is_better is set (lowest first when it is false), else the largest.
-- Parameters: $indicator (indicator code), $tahun (year).
select
    f.kode,
    r.nama,
    r.level,
    r.provinsi,
    p.nama as provinsi_nama,
    f.nilai,
    f.status,
    f.source_id,
    f.derived,
    rank() over (
        partition by r.level
        order by case when i.higher_is_better = false then f.nilai else -f.nilai end
    ) as rank_level,
    count(*) over (partition by r.level) as n_level
from facts_all as f
inner join regions as r on r.kode = f.kode
inner join indicators as i on i.code = f.indicator
left join regions as p on p.kode = r.provinsi and p.level = 'provinsi'
where f.indicator = $indicator
    and f.tahun = $tahun
    and f.periode = 0
    and r.is_current
    and r.level in ('kota', 'kabupaten')
order by r.level desc, rank_level, r.nama
