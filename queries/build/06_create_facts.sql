-- Each row represents the figure the dashboard shows for one indicator, region, year and
-- period (0 = the whole year, 1-12 = a month), with its status and source.
create table facts (
    indicator varchar not null references indicators (code),
    kode varchar not null references regions (kode),
    tahun integer not null,
    periode integer not null default 0,
    nilai double not null,
    status varchar not null check (status in ('tetap', 'sementara', 'sangat_sementara', 'revisi', 'tidak_diketahui')),
    source_id varchar not null references sources (source_id),
    primary key (indicator, kode, tahun, periode)
)
