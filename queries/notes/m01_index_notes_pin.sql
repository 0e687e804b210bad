-- Notes store: find the notes of a city, indicator and year quickly. Migration 1.
create index notes_pin on notes (substr(kode, 1, 4), indicator, tahun)
