-- Each row represents one kecamatan boundary of the chosen kota (current boundaries), with its
-- BPS code (null where the crosswalk has none), label point, polygon area and WKB geometry.
-- Parameters: $kota (BPS code of the kota).
select
    s.kode_kemendagri,
    s.kode,
    coalesce(r.nama, s.nama) as nama,
    s.label_lon,
    s.label_lat,
    s.luas_km2,
    s.wkb
from shapes as s
left join regions as r on r.kode = s.kode and r.level = 'kecamatan'
where s.layer = 'kecamatan' and s.parent = $kota
order by s.kode_kemendagri
