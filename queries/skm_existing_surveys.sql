-- Each row represents a survey id among $ids already in the warehouse, with the batch that
-- brought it (an import never overwrites a survey silently). Parameters: $ids.
select survey_id, batch_id
from skm_surveys
where list_contains($ids, survey_id)
order by survey_id
