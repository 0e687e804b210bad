-- Each row represents a stored figure or one derived from stored figures; `derived` tells them
-- apart. Derived figures are never stored in facts: queries/refresh/00_facts_derived.sql
-- recomputes them into summary_facts_derived from the stored figures whenever the facts change
-- (at build and in every import commit, in the import's transaction), so a derived figure always
-- matches its inputs. Every derived figure combines figures of one region, year, period and
-- source (never two series); the definitions are in that file.
create view facts_all as
select indicator, kode, tahun, periode, nilai, status, source_id, false as derived
from facts
union all
select indicator, kode, tahun, periode, nilai, status, source_id, true as derived
from summary_facts_derived
