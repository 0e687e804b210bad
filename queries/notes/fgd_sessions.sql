-- Each row represents one FGD meeting, newest first. Parameters: none.
select session_id, held_on, place, title, kode, created_by
from fgd_sessions
order by held_on desc, session_id desc
