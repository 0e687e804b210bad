-- Each row represents one unsur of one survey: its name, weight (null = equal, 1/n) and, for
-- NRR-level surveys, its NRR (null when computed from `skm_answers`).
create table skm_unsur (
    survey_id varchar not null references skm_surveys (survey_id),
    unsur varchar not null,
    nama varchar not null,
    bobot decimal(12, 10) check (bobot > 0 and bobot <= 1),
    nrr decimal(12, 10) check (nrr between 1 and 4),
    primary key (survey_id, unsur)
)
