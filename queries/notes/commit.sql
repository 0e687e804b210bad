-- Notes store: commit the open transaction. Parameters: none.
commit
