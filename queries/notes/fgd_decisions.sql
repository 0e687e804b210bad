-- Each row represents one decision of an FGD meeting, in the order recorded. Parameters: $session_id.
select session_id, decided_at, actor, text
from fgd_decisions
where session_id = $session_id
order by decision_id
