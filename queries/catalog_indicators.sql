-- Each row represents one indicator with every MS-Indikator field (Peraturan BPS 5/2020) the
-- warehouse holds for it, the publications its figures come from, its coverage (years, regions,
-- rows), how many of its rows use a current BPS region code, and how many series share its
-- concept (more than one = a series break or a second producer). A derived indicator's
-- publication is the dashboard's formula and its sources those of its figures. Parameters: none.
-- Precomputed by queries/refresh/06_catalog_indicators.sql when the data changes.
select *
from summary_catalog_indicators
order by producer, chapter, code
