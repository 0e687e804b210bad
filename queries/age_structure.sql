-- Each row represents one five-year age group figure of one population series for the chosen
-- region (kecamatan or kab/kota): every indicator whose concept is a penduduk_umur_* group
-- (BPS 2025, S11; Dukcapil Semester I 2024, S16), with the group's lower age bound (75 = 75+),
-- the series' year and source, and the group's share of that series' total for the region.
-- The sources give age groups for both sexes together: there is no male/female split here.
-- Parameters: $kode (BPS code of the region).
with groups as (
    select
        f.indicator,
        i.short_id,
        i.short_en,
        i.producer,
        cast(regexp_extract(i.concept, '^penduduk_umur_([0-9]+)', 1) as integer) as umur_bawah,
        ends_with(i.concept, 'plus') as terbuka,
        f.tahun,
        f.nilai,
        f.status,
        f.source_id
    from facts_all as f
    inner join indicators as i on i.code = f.indicator
    where f.kode = $kode and f.periode = 0 and regexp_matches(i.concept, '^penduduk_umur_[0-9]+(_[0-9]+|plus)$')
)
select
    indicator,
    short_id,
    short_en,
    producer,
    umur_bawah,
    case when terbuka then null else umur_bawah + 4 end as umur_atas,
    tahun,
    nilai,
    status,
    source_id,
    nilai / sum(nilai) over (partition by source_id, tahun) * 100 as persen
from groups
order by tahun desc, source_id, umur_bawah
