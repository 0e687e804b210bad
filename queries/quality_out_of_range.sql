-- Each row represents one figure outside the range its indicator can take (indicators.nilai_min,
-- indicators.nilai_maks; e.g. a percentage above 100 or a negative count). Parameters: none.
-- Precomputed by queries/refresh/03_quality_out_of_range.sql when the data changes.
select *
from summary_quality_out_of_range
order by indicator, kode, tahun, periode
