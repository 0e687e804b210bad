-- Notes store: move a note to a new status if it is still in the status the user saw.
-- Parameters: $note_id, $old_status, $new_status, $reason, $batch_id, $updated_at.
update notes
set status = $new_status, reason = $reason, batch_id = $batch_id, updated_at = $updated_at
where note_id = $note_id and status = $old_status
