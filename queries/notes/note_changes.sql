-- Each row represents one logged change of a note, oldest first: all notes of one FGD meeting,
-- or one note. Parameters: $session_id, $note_id (null = any).
select c.note_id, c.changed_at, c.actor, c.role, c.opd, c.old_status, c.new_status, c.reason, c.batch_id
from note_changes as c
join notes as n on n.note_id = c.note_id
where ($session_id is null or n.session_id = $session_id)
    and ($note_id is null or c.note_id = $note_id)
order by c.change_id
