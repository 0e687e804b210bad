-- Writes the new and changed figures of an import (stage_import) into facts under the batch's
-- source; unchanged figures keep their original source. Parameters: $source_id.
insert or replace into facts (indicator, kode, tahun, periode, nilai, status, source_id)
select s.indicator, s.kode, s.tahun, s.periode, s.nilai, s.status, $source_id
from stage_import as s
left join facts as f
    on f.indicator = s.indicator and f.kode = s.kode and f.tahun = s.tahun and f.periode = s.periode
where f.indicator is null or f.nilai <> s.nilai or f.status <> s.status
