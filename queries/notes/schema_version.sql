-- Each row represents the notes store's schema version (one row; 0 for a new file). Parameters: none.
select coalesce(max(version), 0) as version
from schema_migrations
