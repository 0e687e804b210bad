-- Each row represents one source with its provenance (publisher, publication, table,
-- repository and commit, licence, caveats) and its short citation in both languages.
-- Parameters: none.
select
    source_id, publisher, publication, table_name, repository, commit_sha, path, licence,
    caveats, status, rank, cite_id, cite_en
from sources
order by source_id
