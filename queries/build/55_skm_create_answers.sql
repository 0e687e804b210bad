-- Each row represents one answer (1-4) of one respondent to one unsur.
create table skm_answers (
    survey_id varchar not null references skm_surveys (survey_id),
    responden varchar not null,
    unsur varchar not null,
    nilai tinyint not null check (nilai between 1 and 4),
    primary key (survey_id, responden, unsur)
)
