-- Keeps every imported figure, changed or not, as an observation of the batch's source.
-- Parameters: $file (the file name), $source_id.
insert into observations (file, source_id, raw_indikator, indicator, kode, tahun, periode, nilai, satuan, status)
select $file, $source_id, s.raw_indikator, s.indicator, s.kode, s.tahun, s.periode, s.nilai,
       s.satuan, s.status
from stage_import as s
