-- Each row represents one figure derived from stored figures (see
-- queries/refresh/00_facts_derived.sql, which fills this table at build and in every import
-- commit). Created empty here, with the columns of facts, so that the view facts_all can name it.
create table summary_facts_derived as
select indicator, kode, tahun, periode, nilai, status, source_id
from facts
where false
