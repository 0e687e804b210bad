-- Each row represents one region of the import template of a city: the city itself, then its
-- current kecamatan in code order. Parameters: $kode (BPS code of the kota/kabupaten).
select kode, nama, level
from regions
where (kode = $kode or (parent = $kode and level = 'kecamatan')) and is_current
order by length(kode), kode
