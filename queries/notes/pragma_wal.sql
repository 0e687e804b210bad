-- Notes store (SQLite): write-ahead logging, so readers never block the one writer and a killed
-- writer leaves the last committed state. Persistent in the file. Parameters: none.
pragma journal_mode = wal
