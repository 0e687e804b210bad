-- Each row represents one cell of an imported file that held a symbol instead of a figure
-- ("-" nil, "..." not available, "x" confidential, empty), kept with its meaning.
create table import_missing (
    batch_id integer not null references import_batches (batch_id),
    indicator varchar not null,
    kode varchar not null,
    tahun integer not null,
    periode integer not null,
    symbol varchar not null,
    meaning varchar not null
)
