-- Each row represents one region an imported row can be matched to (names as Kemendagri and
-- BPS write them), with its level, parent and province. Parameters: none.
select kode, nama, nama_bps, level, parent, provinsi, is_current
from regions
order by kode
