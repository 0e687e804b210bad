-- Each row represents one FGD meeting (date, place, title, city) whose notes and decisions form
-- its minutes. Migration 1.
create table fgd_sessions (
    session_id integer primary key,
    held_on text not null check (held_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    place text not null check (length(place) between 1 and 200),
    title text not null check (length(title) between 1 and 200),
    kode text not null,
    created_by text not null,
    created_at text not null
)
