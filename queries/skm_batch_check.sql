-- Each row represents what one SKM import batch wrote (one row): surveys, unsur, respondents
-- and answers, compared with the plan before the commit. Parameters: $batch_id.
select
    (select count(*) from skm_surveys where batch_id = $batch_id) as surveys,
    (select count(*) from skm_unsur as e inner join skm_surveys as s using (survey_id)
     where s.batch_id = $batch_id) as unsur,
    (select count(*) from skm_respondents as r inner join skm_surveys as s using (survey_id)
     where s.batch_id = $batch_id) as respondents,
    (select count(*) from skm_answers as a inner join skm_surveys as s using (survey_id)
     where s.batch_id = $batch_id) as answers
