-- Reads every long-format figure file and keeps each row with its source (the [Sxx] tag of its
-- `sumber`), its warehouse indicator, and its month where the raw id carries one.
insert into observations
with raw as (
    select
        parse_filename(filename) as file,
        regexp_extract(sumber, '\[(S[0-9]+)\]', 1) as source_id,
        indikator,
        kode_wilayah,
        tahun,
        nilai,
        satuan
    from read_csv($files, union_by_name = true, all_varchar = true, filename = true)
)
select
    r.file,
    r.source_id,
    r.indikator,
    m.indicator,
    r.kode_wilayah,
    cast(r.tahun as integer),
    case when m.raw_pattern like '%*'
        then cast(regexp_extract(r.indikator, '_([0-9]+)$', 1) as integer)
        else 0 end,
    cast(r.nilai as double),
    r.satuan,
    s.status
from raw as r
inner join indicator_inputs as m
    on m.source_id = r.source_id
    and (r.indikator = m.raw_pattern
        or (m.raw_pattern like '%*' and starts_with(r.indikator, rtrim(m.raw_pattern, '*'))))
inner join sources as s on s.source_id = r.source_id
