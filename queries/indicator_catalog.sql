-- Each row represents one indicator with its metadata (names, unit, definition, MS-Indikator
-- fields) and the years and number of regions it has figures for.
-- Parameters: none.
-- Precomputed by queries/refresh/05_indicator_catalog.sql when the data changes.
select *
from summary_indicator_catalog
order by chapter, code
