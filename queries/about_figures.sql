-- Each row represents one year of the chosen indicator for the chosen region and its kecamatan
-- (by tier): how many figures, the statuses and sources, and the boundary vintages of the
-- regions. Parameters: $indicator (code), $kode (BPS code of the region).
select
    case when r.kode = $kode then 'wilayah' else 'kecamatan' end as tingkat,
    f.tahun,
    count(*) as jumlah,
    string_agg(distinct f.status, ',' order by f.status) as status,
    string_agg(distinct f.source_id, ',' order by f.source_id) as sumber,
    string_agg(distinct r.batas_vintage, '; ' order by r.batas_vintage) as batas_vintage,
    bool_or(f.derived) as turunan
from facts_all as f
inner join regions as r on r.kode = f.kode
where f.indicator = $indicator
    and (r.kode = $kode or (r.level = 'kecamatan' and left(r.kode, 4) = $kode))
group by 1, f.tahun
order by 1 desc, f.tahun
