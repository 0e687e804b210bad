-- Notes store (SQLite): fsync at every commit, so a committed note survives a crash. Parameters: none.
pragma synchronous = full
