-- Notes store: add one FGD meeting. Parameters: $held_on, $place, $title, $kode, $created_by, $created_at.
insert into fgd_sessions (held_on, place, title, kode, created_by, created_at)
values ($held_on, $place, $title, $kode, $created_by, $created_at)
