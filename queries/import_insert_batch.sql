-- Logs one import batch: who, when, which file (name and SHA-256), how many rows were added,
-- changed, unchanged or missing, and the source the user gave. Parameters: $batch_id,
-- $source_id, $user_name, $role, $opd, $imported_at, $file_name, $sha256, $format, $rows_added,
-- $rows_changed, $rows_unchanged, $rows_missing, $source_given.
insert into import_batches (
    batch_id, source_id, user_name, role, opd, imported_at, file_name, sha256, format, rows_added,
    rows_changed, rows_unchanged, rows_missing, source_given
)
values (
    $batch_id, $source_id, $user_name, $role, $opd, $imported_at, $file_name, $sha256, $format,
    $rows_added, $rows_changed, $rows_unchanged, $rows_missing, $source_given
)
