-- Each row represents the one build of this warehouse: the fingerprint of what it was built from (the build and refresh SQL,
-- the build code and every input file under data/), so the app can tell a warehouse left by an
-- older version of the code or data from a current one, and the data folder it was built from.
-- Parameters: $fingerprint, $data_dir.
create table build_info as
select
    $fingerprint::varchar as fingerprint,
    $data_dir::varchar as data_dir,
    current_timestamp as built_at
