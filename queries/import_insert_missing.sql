-- Keeps the cells of an import that held a symbol instead of a figure, with their meaning
-- (stage_import_missing). Parameters: $batch_id.
insert into import_missing (batch_id, indicator, kode, tahun, periode, symbol, meaning)
select $batch_id, indicator, kode, tahun, periode, symbol, meaning
from stage_import_missing
