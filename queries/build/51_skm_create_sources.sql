-- Each row represents the source of a shipped SKM figure (imported ones use `sources`).
create table skm_sources (
    source_id varchar primary key,
    publisher varchar not null,
    publication varchar not null,
    table_name varchar,
    licence varchar not null,
    caveats varchar,
    cite_id varchar not null,
    cite_en varchar not null
)
