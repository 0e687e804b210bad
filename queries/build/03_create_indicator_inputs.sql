-- Each row represents one raw indicator id of one source that feeds a warehouse indicator
-- (a trailing * in raw_pattern takes a family whose numeric suffix is the month).
create table indicator_inputs (
    indicator varchar not null references indicators (code),
    source_id varchar not null references sources (source_id),
    raw_pattern varchar not null,
    primary key (source_id, raw_pattern)
)
