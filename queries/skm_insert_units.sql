-- Adds the service units of an SKM import (registered as stage_skm_units) that are not in the
-- warehouse yet. Parameters: none.
insert into skm_units
select unit_id, kode, opd, unit_layanan, null
from stage_skm_units
where unit_id not in (select unit_id from skm_units)
