-- Each row represents one yearly figure of one indicator for one region, with its status and
-- source, in year order. Parameters: $kodes (list of BPS codes), $indicators (list of codes).
select
    f.indicator,
    f.kode,
    r.nama,
    f.tahun,
    f.nilai,
    f.status,
    f.source_id,
    f.derived
from facts_all as f
inner join regions as r on r.kode = f.kode
where list_contains($kodes, f.kode)
    and list_contains($indicators, f.indicator)
    and f.periode = 0
order by f.indicator, f.kode, f.tahun
