-- Each row represents one stored figure of the indicators and regions a file touches, to tell
-- new, changed and unchanged rows apart. Parameters: $indicators (codes), $kodes (BPS codes).
select indicator, kode, tahun, periode, nilai, status, source_id
from facts
where list_contains($indicators, indicator) and list_contains($kodes, kode)
order by indicator, kode, tahun, periode
