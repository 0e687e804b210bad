-- Each row represents one indicator and year with figures for kab/kota that have a boundary:
-- how many kab/kota (and how many kota) have a figure, the indicator's metadata and source.
-- Parameters: none.
-- Precomputed by queries/refresh/08_map_kabkota_indicators.sql when the data changes.
select *
from summary_map_kabkota_indicators
order by short_id, tahun desc
