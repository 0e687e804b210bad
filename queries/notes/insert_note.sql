-- Notes store: add one note unless a note with the same client token exists (a form sent twice
-- stores one note). Parameters: the note's fields.
insert into notes (
    token, created_at, indicator, kode, tahun, kind, body, author, unit, corrected_value,
    corrected_source, session_id, producer, opds, status, reason, batch_id, updated_at
) values (
    $token, $created_at, $indicator, $kode, $tahun, $kind, $body, $author, $unit, $corrected_value,
    $corrected_source, $session_id, $producer, $opds, 'baru', '', null, $created_at
)
on conflict (token) do nothing
