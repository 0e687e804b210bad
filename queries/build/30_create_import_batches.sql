-- Each row represents one import batch: who brought which file in, when, with what result.
-- Written by dalamangka.importer.commit; empty after a build from data/.
create table import_batches (
    batch_id integer primary key,
    source_id varchar not null references sources (source_id),
    user_name varchar not null,
    role varchar not null check (role in ('walidata', 'produsen')),
    opd varchar,
    imported_at timestamp not null,
    file_name varchar not null,
    sha256 varchar not null,
    format varchar not null,
    rows_added integer not null,
    rows_changed integer not null,
    rows_unchanged integer not null,
    rows_missing integer not null,
    source_given varchar not null
)
