-- Copies the source records read from data/sources.toml (registered as stage_sources).
insert into sources
select source_id, publisher, publication, table_name, repository, commit_sha, path, licence,
       caveats, status, rank, cite_id, cite_en
from stage_sources
