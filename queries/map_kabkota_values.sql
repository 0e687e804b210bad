-- Each row represents one kab/kota boundary (all 514, or only the kota when $kota_saja) with its
-- label point, the figure of the chosen indicator and year (null when the source gives none:
-- never zero), its source and status, and its rank among the regions shown (1 = best where
-- higher_is_better is set, else the largest). Parameters: $indicator (indicator code), $tahun (year), $kota_saja
-- (true: kota only).
with shown as (
    select s.kode, coalesce(r.nama, s.nama) as nama, s.level, s.label_lon, s.label_lat
    from shapes as s
    left join regions as r on r.kode = s.kode
    where s.layer = 'kabkota' and (not $kota_saja or s.level = 'kota')
),
fig as (
    select f.kode, f.nilai, f.status, f.source_id
    from facts_all as f
    inner join shown as w on w.kode = f.kode
    where f.indicator = $indicator and f.tahun = $tahun and f.periode = 0
),
ranked as (
    select
        f.kode,
        rank() over (order by case when i.higher_is_better = false then f.nilai else -f.nilai end) as peringkat,
        count(*) over () as n_peringkat
    from fig as f
    cross join (select higher_is_better from indicators where code = $indicator) as i
)
select w.kode, w.nama, w.level, w.label_lon, w.label_lat, f.nilai, f.status, f.source_id, rk.peringkat,
    rk.n_peringkat
from shown as w
left join fig as f on f.kode = w.kode
left join ranked as rk on rk.kode = w.kode
order by w.kode
