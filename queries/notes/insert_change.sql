-- Notes store: log one status change. Parameters: the change's fields.
insert into note_changes (note_id, changed_at, actor, role, opd, old_status, new_status, reason, batch_id)
values ($note_id, $changed_at, $actor, $role, $opd, $old_status, $new_status, $reason, $batch_id)
