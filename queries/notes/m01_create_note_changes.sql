-- Each row represents one change of a note's status (creation included): who, in which role and
-- OPD, when, from which status to which, why, and the import batch that fixed it. Migration 1.
create table note_changes (
    change_id integer primary key,
    note_id integer not null references notes (note_id),
    changed_at text not null,
    actor text not null,
    role text not null check (role in ('peserta', 'walidata', 'produsen')),
    opd text not null,
    old_status text,
    new_status text not null,
    reason text not null,
    batch_id integer
)
