-- Each row represents one figure outside the range its indicator can take (indicators.nilai_min,
-- indicators.nilai_maks; e.g. a percentage above 100 or a negative count). Parameters: none.
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
