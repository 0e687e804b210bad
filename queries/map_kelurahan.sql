-- Each row represents one kelurahan boundary of the chosen kota (seed cities only: the other
-- kota have no kelurahan boundaries in the data), with its Kemendagri code, name, the BPS code
-- of its kecamatan, label point and WKB geometry. Parameters: $kota (BPS code of the kota).
select
    s.kode_kemendagri,
    s.nama,
    s.parent as kecamatan,
    s.label_lon,
    s.label_lat,
    s.wkb
from shapes as s
inner join regions as k on k.kode = s.parent and k.level = 'kecamatan'
where s.layer = 'kelurahan' and k.parent = $kota
order by s.kode_kemendagri
