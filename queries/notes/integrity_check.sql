-- Each row represents one problem found by SQLite's integrity check ("ok" when there is none).
-- Parameters: none.
pragma integrity_check
