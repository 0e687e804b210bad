-- Each row represents a stored figure or one derived from stored figures at query time
-- (kepadatan_dukcapil_big = penduduk_dukcapil / luas_wilayah_big, same region and year),
-- so derived figures are never stored twice. `derived` tells them apart.
create view facts_all as
select indicator, kode, tahun, periode, nilai, status, source_id, false as derived
from facts
union all
select
    'kepadatan_dukcapil_big' as indicator,
    p.kode,
    p.tahun,
    p.periode,
    p.nilai / a.nilai as nilai,
    p.status,
    p.source_id,
    true as derived
from facts as p
inner join facts as a
    on a.kode = p.kode and a.tahun = p.tahun and a.periode = p.periode
    and a.indicator = 'luas_wilayah_big' and a.nilai > 0
where p.indicator = 'penduduk_dukcapil' and p.source_id = a.source_id
