-- Each row represents a raw figure row that no indicator takes (a missing `from` entry in
-- data/indicators.toml or a row without a [Sxx] source tag); the build fails if any exist.
with raw as (
    select
        parse_filename(filename) as file,
        regexp_extract(sumber, '\[(S[0-9]+)\]', 1) as source_id,
        indikator
    from read_csv($files, union_by_name = true, all_varchar = true, filename = true)
)
select distinct r.file, r.source_id, r.indikator
from raw as r
where not exists (
    select 1
    from indicator_inputs as m
    where m.source_id = r.source_id
        and (r.indikator = m.raw_pattern
            or (m.raw_pattern like '%*' and starts_with(r.indikator, rtrim(m.raw_pattern, '*'))))
)
order by r.file, r.indikator
