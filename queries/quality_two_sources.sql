-- Each row represents one source's figure for an indicator, region, year and period that two or
-- more sources give with different values (every disagreeing observation, with whether it is the
-- one `facts` shows). Parameters: none.
-- Precomputed by queries/refresh/04_quality_two_sources.sql when the data changes.
select *
from summary_quality_two_sources
order by indicator, kode, tahun, periode, source_id
