-- Adds the respondents of a respondent-level SKM import (stage_skm_respondents).
-- Parameters: none.
insert into skm_respondents
select survey_id, responden, jenis_kelamin, umur, pendidikan, pekerjaan
from stage_skm_respondents
