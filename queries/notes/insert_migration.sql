-- Notes store: record that a migration was applied. Parameters: $version, $applied_at.
insert into schema_migrations (version, applied_at) values ($version, $applied_at)
