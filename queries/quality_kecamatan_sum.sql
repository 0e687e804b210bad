-- Each row represents one additive indicator, year and kab/kota that has both its own figure and
-- kecamatan figures: the kab/kota figure, the sum of its kecamatan (grouped by the first four
-- digits of the kecamatan's BPS code, the kab/kota of its own vintage), the difference, and
-- whether they agree at the indicator's printed precision (half of its last decimal).
-- Parameters: none.
-- Precomputed by queries/refresh/02_quality_kecamatan_sum.sql when the data changes.
select *
from summary_quality_kecamatan_sum
order by cocok, indicator, tahun, kode
