-- Each row represents one region with both a BPS population figure and a Dukcapil registry count:
-- the latest year of each (the years can differ, e.g. BPS 2025 vs Dukcapil Semester II 2024),
-- the difference (registry minus BPS) and that difference as a share of the BPS figure.
-- Parameters: $bps (indicator code of the BPS series), $registry (code of the registry series).
with latest as (
    select indicator, kode, max(tahun) as tahun
    from facts
    where indicator in ($bps, $registry) and periode = 0
    group by indicator, kode
),
figures as (
    select f.indicator, f.kode, f.tahun, f.nilai, f.source_id
    from facts as f
    inner join latest as l on l.indicator = f.indicator and l.kode = f.kode and l.tahun = f.tahun
    where f.periode = 0
)
select
    b.kode,
    r.nama,
    b.tahun as tahun_bps,
    b.nilai as penduduk_bps,
    b.source_id as sumber_bps,
    d.tahun as tahun_registrasi,
    d.nilai as penduduk_registrasi,
    d.source_id as sumber_registrasi,
    d.nilai - b.nilai as selisih,
    (d.nilai - b.nilai) / b.nilai * 100 as selisih_persen
from figures as b
inner join figures as d on d.kode = b.kode and d.indicator = $registry
inner join regions as r on r.kode = b.kode
where b.indicator = $bps
order by b.kode
