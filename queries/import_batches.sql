-- Each row represents one import batch, newest first: who, when, which file and what changed.
-- Parameters: none.
select
    b.batch_id, b.imported_at, b.user_name, b.role, b.opd, b.file_name, b.sha256, b.format,
    b.rows_added, b.rows_changed, b.rows_unchanged, b.rows_missing, b.source_id, b.source_given
from import_batches as b
order by b.batch_id desc
