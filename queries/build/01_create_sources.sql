-- Each row represents one publication or data set that figures were taken from (S01, S02, ...).
create table sources (
    source_id varchar primary key,
    publisher varchar not null,
    publication varchar not null,
    table_name varchar,
    repository varchar,
    commit_sha varchar,
    path varchar,
    licence varchar not null,
    caveats varchar,
    status varchar not null check (status in ('tetap', 'sementara', 'sangat_sementara', 'revisi', 'tidak_diketahui')),
    rank integer not null,
    cite_id varchar not null,
    cite_en varchar not null
)
