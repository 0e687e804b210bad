-- Each row represents one yearly figure that moved more than its indicator's threshold
-- (indicators.lonjakan_maks) from the same region's figure of the year before: in points for
-- rates, indices and years (units persen, indeks, tahun, anak per perempuan), in percent for
-- counts and amounts. Only consecutive years are compared. Parameters: none.
-- Precomputed by queries/refresh/01_quality_yoy_jumps.sql when the data changes.
select *
from summary_quality_yoy_jumps
order by indicator, kode, tahun
