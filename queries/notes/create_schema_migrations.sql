-- Each row represents one schema migration applied to the notes store (its version and when).
-- Parameters: none.
create table if not exists schema_migrations (
    version integer primary key,
    applied_at text not null
)
