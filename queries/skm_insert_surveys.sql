-- Adds the survey periods of an SKM import (stage_skm_surveys), tagged with the batch and its
-- source. Parameters: $batch_id, $source_id.
insert into skm_surveys (
    survey_id, unit_id, tahun, periode, aturan, dasar, responden, populasi, nilai_dilaporkan,
    desimal_dilaporkan, kinerja_dilaporkan, dilaporkan_pada, source_id, batch_id, catatan
)
select
    survey_id, unit_id, tahun, periode, aturan, dasar, responden, populasi, null, null, null, null,
    $source_id, $batch_id, null
from stage_skm_surveys
