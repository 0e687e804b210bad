-- Each row represents one of the 514 kab/kota boundaries (the national kecamatan layer
-- dissolved at build time), with its BPS code, name, level (kota or kabupaten), label point and
-- WKB geometry. Parameters: none.
select
    s.kode,
    coalesce(r.nama, s.nama) as nama,
    s.level,
    s.label_lon,
    s.label_lat,
    s.wkb
from shapes as s
left join regions as r on r.kode = s.kode
where s.layer = 'kabkota'
order by s.kode
