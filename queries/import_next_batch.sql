-- Each row represents the next free batch number (one row). Parameters: none.
select coalesce(max(batch_id), 0) + 1 as batch_id
from import_batches
