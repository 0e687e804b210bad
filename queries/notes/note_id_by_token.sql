-- Each row represents the note stored under a client token (none or one). Parameters: $token.
select note_id from notes where token = $token
