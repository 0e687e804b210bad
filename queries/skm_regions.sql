-- Each row represents a current kota/kabupaten an SKM sheet may name (BPS code, name).
-- Parameters: none.
select kode, nama, level
from regions
where level in ('kota', 'kabupaten')
order by kode
