-- Each row represents one respondent of a respondent-level survey, with the optional
-- demographics as written in the sheet.
create table skm_respondents (
    survey_id varchar not null references skm_surveys (survey_id),
    responden varchar not null,
    jenis_kelamin varchar,
    umur varchar,
    pendidikan varchar,
    pekerjaan varchar,
    primary key (survey_id, responden)
)
