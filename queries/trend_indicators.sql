-- Each row represents one indicator that has yearly figures for at least one current region
-- (nasional, provinsi, kota or kabupaten), with its names, unit, decimals, concept, definition,
-- the first and last year with a figure and how many current kota have one.
-- Parameters: none.
-- Precomputed by queries/refresh/07_trend_indicators.sql when the data changes.
select t.*
from summary_trend_indicators as t
inner join indicators as i on i.code = t.code
order by i.chapter, t.code
