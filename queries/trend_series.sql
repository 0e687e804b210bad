-- Each row represents one yearly figure for one region of one series of the chosen indicator's
-- concept (the chosen indicator first, then the other series of that concept, e.g. BPS and
-- Dukcapil population), with the series' short names, status and source, in year order.
-- Series are never merged here: each keeps its own indicator code.
-- Parameters: $indicator (indicator code), $kodes (list of BPS codes).
with chosen as (
    select concept, unit_id from indicators where code = $indicator
)
select
    f.indicator,
    i.short_id,
    i.short_en,
    f.kode,
    r.nama,
    f.tahun,
    f.nilai,
    f.status,
    f.source_id,
    f.derived
from facts_all as f
inner join indicators as i on i.code = f.indicator
inner join chosen as c on c.concept = i.concept and c.unit_id = i.unit_id
inner join regions as r on r.kode = f.kode
where list_contains($kodes, f.kode) and f.periode = 0
order by f.indicator <> $indicator, f.indicator, f.kode, f.tahun
