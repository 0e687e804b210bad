-- Each row represents one note of an FGD participant pinned to indicator x region x year, with
-- its routing (producer, OPD accounts) and current status. Migration 1.
create table notes (
    note_id integer primary key,
    token text not null unique,
    created_at text not null,
    indicator text not null check (length(indicator) between 1 and 60),
    kode text not null check (length(kode) in (2, 4, 7, 10)),
    tahun integer not null check (tahun between 1900 and 2200),
    kind text not null check (kind in ('angka_diragukan', 'data_kurang', 'definisi', 'usulan')),
    body text not null check (length(body) between 1 and 2000),
    author text not null check (length(author) between 1 and 80),
    unit text not null check (length(unit) <= 120),
    corrected_value real,
    corrected_source text not null check (length(corrected_source) <= 300),
    session_id integer references fgd_sessions (session_id),
    producer text not null,
    opds text not null,
    status text not null check (status in ('baru', 'diverifikasi', 'diperbaiki', 'ditolak')),
    reason text not null check (length(reason) <= 1000),
    batch_id integer,
    updated_at text not null,
    check ((corrected_value is null) = (corrected_source = '')),
    check (status != 'ditolak' or reason != '')
)
