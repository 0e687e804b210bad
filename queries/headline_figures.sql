-- Each row represents one indicator of the chosen region: its latest yearly figure, the
-- previous year available in the same series, and its ranks that year among the current
-- regions of the same level (kota or kabupaten) and among the kab/kota of its province.
-- Rank 1 is the best where higher_is_better is set (lowest first when it is false), else the
-- largest; n_level_total is how many regions of that level exist. Parameters: $kode (BPS code), $indicators (list of indicator codes).
with latest as (
    select indicator, max(tahun) as tahun
    from facts_all
    where kode = $kode and periode = 0 and list_contains($indicators, indicator)
    group by indicator
),
previous as (
    select f.indicator, max(f.tahun) as tahun
    from facts_all as f
    inner join latest as l on l.indicator = f.indicator and f.tahun < l.tahun
    where f.kode = $kode and f.periode = 0
    group by f.indicator
),
peers as (
    select f.indicator, f.kode, f.nilai, r.level, r.provinsi, i.higher_is_better
    from facts_all as f
    inner join latest as l on l.indicator = f.indicator and l.tahun = f.tahun
    inner join regions as r on r.kode = f.kode
    inner join indicators as i on i.code = f.indicator
    where f.periode = 0 and r.level in ('kota', 'kabupaten') and r.is_current
),
level_totals as (
    select level, count(*) as n_total
    from regions
    where level in ('kota', 'kabupaten') and is_current
    group by level
),
ranked as (
    select
        indicator, kode, level,
        rank() over (
            partition by indicator, level
            order by case when higher_is_better = false then nilai else -nilai end
        ) as rank_level,
        count(*) over (partition by indicator, level) as n_level,
        rank() over (
            partition by indicator, provinsi
            order by case when higher_is_better = false then nilai else -nilai end
        ) as rank_provinsi,
        count(*) over (partition by indicator, provinsi) as n_provinsi
    from peers
)
select
    l.indicator,
    l.tahun,
    cur.nilai,
    cur.status,
    cur.source_id,
    cur.derived,
    p.tahun as tahun_sebelumnya,
    prev.nilai as nilai_sebelumnya,
    rk.rank_level,
    rk.n_level,
    lt.n_total as n_level_total,
    rk.rank_provinsi,
    rk.n_provinsi
from latest as l
inner join facts_all as cur
    on cur.indicator = l.indicator and cur.kode = $kode and cur.tahun = l.tahun and cur.periode = 0
left join previous as p on p.indicator = l.indicator
left join facts_all as prev
    on prev.indicator = p.indicator and prev.kode = $kode and prev.tahun = p.tahun and prev.periode = 0
left join ranked as rk on rk.indicator = l.indicator and rk.kode = $kode
left join level_totals as lt on lt.level = rk.level
order by l.indicator
