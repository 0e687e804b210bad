-- Notes store: record one decision of an FGD meeting. Parameters: $session_id, $decided_at, $actor, $text.
insert into fgd_decisions (session_id, decided_at, actor, text)
values ($session_id, $decided_at, $actor, $text)
