-- Each row represents one decision recorded for an FGD meeting (for its minutes). Migration 1.
create table fgd_decisions (
    decision_id integer primary key,
    session_id integer not null references fgd_sessions (session_id),
    decided_at text not null,
    actor text not null,
    text text not null check (length(text) between 1 and 1000)
)
