-- Adds the answers (1-4) of a respondent-level SKM import (stage_skm_answers).
-- Parameters: none.
insert into skm_answers
select survey_id, responden, unsur, cast(nilai as tinyint)
from stage_skm_answers
