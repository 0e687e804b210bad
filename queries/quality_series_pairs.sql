-- Each row represents one region (kab/kota or kecamatan) that has figures in both series of a
-- pair of one concept (e.g. Dukcapil Semester I vs Semester II 2024, or BPS 2025 vs Dukcapil
-- 2024): the latest year of each series there, both figures with their sources, the difference
-- (second minus first) and that difference as a share of the first. Series are compared, never
-- merged. Parameters: $first, $second (indicator codes of the two series), $kode (BPS code of the
-- chosen region; its own row and its kecamatan's).
with latest as (
    select indicator, kode, max(tahun) as tahun
    from facts_all
    where indicator in ($first, $second) and periode = 0 and starts_with(kode, $kode)
    group by indicator, kode
),
figures as (
    select f.indicator, f.kode, f.tahun, f.nilai, f.source_id
    from facts_all as f
    inner join latest as l on l.indicator = f.indicator and l.kode = f.kode and l.tahun = f.tahun
    where f.periode = 0
)
select
    a.kode,
    r.nama,
    r.level,
    a.indicator as seri_1,
    a.tahun as tahun_1,
    a.nilai as nilai_1,
    a.source_id as sumber_1,
    b.indicator as seri_2,
    b.tahun as tahun_2,
    b.nilai as nilai_2,
    b.source_id as sumber_2,
    b.nilai - a.nilai as selisih,
    (b.nilai - a.nilai) / a.nilai * 100 as selisih_persen
from figures as a
inner join figures as b on b.kode = a.kode and b.indicator = $second
inner join regions as r on r.kode = a.kode
where a.indicator = $first
order by r.level <> 'kecamatan' desc, a.kode
