-- Each row represents one note, newest first, optionally only one FGD meeting's, one city's
-- (its kecamatan included), one indicator's or one note. Parameters: $session_id, $kota,
-- $indicator, $note_id (each null = all).
select
    note_id, created_at, indicator, kode, tahun, kind, body, author, unit, corrected_value,
    corrected_source, session_id, producer, opds, status, reason, batch_id, updated_at
from notes
where ($session_id is null or session_id = $session_id)
    and ($kota is null or substr(kode, 1, 4) = $kota)
    and ($indicator is null or indicator = $indicator)
    and ($note_id is null or note_id = $note_id)
order by note_id desc
