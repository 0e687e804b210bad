-- Notes store (SQLite): enforce references (a change belongs to a note). Parameters: none.
pragma foreign_keys = on
