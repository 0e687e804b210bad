-- Notes store: start a write transaction that takes the write lock at once (waits up to the busy
-- timeout instead of failing later in the transaction). Parameters: none.
begin immediate
