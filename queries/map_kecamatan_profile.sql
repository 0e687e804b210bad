-- Each row represents one yearly figure of one indicator for the chosen kecamatan (every
-- indicator the warehouse holds for it, derived ones included), with unit, status and source.
-- Parameters: $kode (BPS code of the kecamatan).
select
    f.indicator,
    i.short_id, i.short_en, i.unit_id, i.unit_en, i.decimals,
    f.tahun,
    f.nilai,
    f.status,
    f.source_id,
    f.derived
from facts_all as f
inner join indicators as i on i.code = f.indicator
where f.kode = $kode and f.periode = 0
order by i.short_id, f.tahun
