-- Each row represents one figure the warehouse could hold for the chosen kab/kota or one of its
-- kecamatan: an indicator and year for which at least one region of the same tier (kab/kota or
-- kecamatan) anywhere has a figure. `ada` says whether this region has it; kecamatan are the
-- current ones plus older ones (e.g. SP2010 codes) that have the figure.
-- Parameters: $kode (BPS code of the kab/kota). The slots that exist anywhere come from
-- summary_coverage_slots (queries/refresh/10_coverage_slots.sql), computed per data change.
with figures as (
    select distinct
        f.indicator,
        f.tahun,
        f.kode,
        case when r.level = 'kecamatan' then 'kecamatan' else 'kabupaten/kota' end as tingkat
    from facts_all as f
    inner join regions as r on r.kode = f.kode
    where (r.kode = $kode and r.level in ('kabupaten', 'kota'))
        or (r.level = 'kecamatan' and left(r.kode, 4) = $kode)
),
slots as (
    select indicator, tahun, tingkat
    from summary_coverage_slots
),
targets as (
    select s.indicator, s.tahun, s.tingkat, r.kode, r.nama, r.catatan
    from slots as s
    cross join regions as r
    where s.tingkat = 'kabupaten/kota' and r.kode = $kode
    union
    select s.indicator, s.tahun, s.tingkat, r.kode, r.nama, r.catatan
    from slots as s
    cross join regions as r
    where s.tingkat = 'kecamatan' and r.level = 'kecamatan' and r.parent = $kode and r.is_current
    union
    select f.indicator, f.tahun, f.tingkat, r.kode, r.nama, r.catatan
    from figures as f
    inner join regions as r on r.kode = f.kode
    where f.tingkat = 'kecamatan' and left(f.kode, 4) = $kode
)
select
    t.indicator,
    t.tingkat,
    t.tahun,
    t.kode,
    t.nama,
    f.kode is not null as ada,
    t.catatan
from targets as t
left join figures as f
    on f.indicator = t.indicator and f.tahun = t.tahun and f.kode = t.kode
order by t.tingkat, t.indicator, t.tahun, t.kode
