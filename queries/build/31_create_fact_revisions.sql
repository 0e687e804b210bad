-- Each row represents one figure an import replaced: the previous value, status and source of
-- `facts` for one indicator, region, year and period, and the batch that replaced it.
create table fact_revisions (
    indicator varchar not null,
    kode varchar not null,
    tahun integer not null,
    periode integer not null,
    old_nilai double not null,
    old_status varchar not null,
    old_source_id varchar not null,
    new_nilai double not null,
    new_status varchar not null,
    batch_id integer not null references import_batches (batch_id),
    revised_at timestamp not null
)
