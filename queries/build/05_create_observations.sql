-- Each row represents one figure exactly as one source gives it (every row of every figure
-- file); when sources overlap, `facts` keeps one per key and this table keeps them all.
create table observations (
    file varchar not null,
    source_id varchar not null references sources (source_id),
    raw_indikator varchar not null,
    indicator varchar not null references indicators (code),
    kode varchar not null references regions (kode),
    tahun integer not null,
    periode integer not null,
    nilai double not null,
    satuan varchar not null,
    status varchar not null
)
