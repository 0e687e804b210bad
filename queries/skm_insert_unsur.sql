-- Adds the unsur (name, weight, NRR) of an SKM import (stage_skm_unsur; weights and NRR as
-- exact decimal text). Parameters: none.
insert into skm_unsur
select survey_id, unsur, nama, cast(bobot as decimal(12, 10)), cast(nrr as decimal(12, 10))
from stage_skm_unsur
