-- Writes the write-ahead log into the database file before it is closed and renamed.
checkpoint
