-- Attaches the warehouse file read-only under the name `warehouse`, from a fresh in-memory
-- database, so a replaced file (after an import) is opened anew rather than DuckDB's cached
-- instance of the same path. Parameters: $path.
attach $path as warehouse (read_only)
