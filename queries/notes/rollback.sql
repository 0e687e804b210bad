-- Notes store: undo the open transaction. Parameters: none.
rollback
