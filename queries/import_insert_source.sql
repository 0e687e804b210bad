-- Adds the source record of one import batch (publisher, publication and table as the user
-- gave them). Imported figures are the newest word on their key, so the record ranks first.
-- Parameters: $source_id, $publisher, $publication, $table_name, $licence, $caveats, $status,
-- $cite_id, $cite_en.
insert into sources (
    source_id, publisher, publication, table_name, repository, commit_sha, path, licence,
    caveats, status, rank, cite_id, cite_en
)
values (
    $source_id, $publisher, $publication, $table_name, null, null, null, $licence,
    $caveats, $status, 1, $cite_id, $cite_en
)
