-- Each row represents one indicator of the chosen region: its latest yearly figure, the
-- previous year available in the same series, and its ranks that year among the current
-- regions of the same level (kota or kabupaten) and among the kab/kota of its province.
-- Rank 1 is the best where higher_is_better is set (lowest first when it is false), else the
-- largest; n_level_total is how many regions of that level exist. Parameters: $kode (BPS code), $indicators (list of indicator codes).
-- Performance (docs/benchmarks.md): the region's figures are read once (`mine`), joined to a
-- short list of indicators so DuckDB prunes row groups of the facts table (stored in indicator
-- order); ranks come from summary_ranks (queries/refresh/09_ranks.sql), computed per data change.
with wanted as (
    select distinct unnest($indicators) as indicator
),
mine as (
    select f.indicator, f.tahun, f.nilai, f.status, f.source_id, f.derived
    from facts_all as f
    inner join wanted as w on w.indicator = f.indicator
    where f.kode = $kode and f.periode = 0
),
latest as (
    select indicator, max(tahun) as tahun
    from mine
    group by indicator
),
previous as (
    select m.indicator, max(m.tahun) as tahun
    from mine as m
    inner join latest as l on l.indicator = m.indicator and m.tahun < l.tahun
    group by m.indicator
),
level_totals as (
    select level, count(*) as n_total
    from regions
    where level in ('kota', 'kabupaten') and is_current
    group by level
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
inner join mine as cur on cur.indicator = l.indicator and cur.tahun = l.tahun
left join previous as p on p.indicator = l.indicator
left join mine as prev on prev.indicator = p.indicator and prev.tahun = p.tahun
left join summary_ranks as rk on rk.indicator = l.indicator and rk.tahun = l.tahun and rk.kode = $kode
left join level_totals as lt on lt.level = rk.level
order by l.indicator
