-- Recomputes summary_ranks whenever the facts change (at build and in every import commit).
-- Each row represents one yearly figure of a current kab/kota with its rank that year among the
-- current regions of the same level (kota or kabupaten) and among the kab/kota of its province.
-- Rank 1 is the best where higher_is_better is set (lowest first when it is false), else the
-- largest. Stored in (indicator, tahun, kode) order so a lookup reads few row groups.
-- For the headline cards (dalamangka/headline.py) each row also carries its groups' coverage
-- (n_* with the figure of n_*_total current regions), how many regions are strictly worse
-- (worse_*), the plain mean of the group's values (mean_*), the region's change over exactly
-- five years (ubah5, same series) and the group's mean five-year change (mean_ubah5_*, over
-- n_ubah5_* regions having both years; means rounded to 9 decimals so that a recomputation
-- gives the same rows whatever the summation order), and the province's own published figure of that
-- series and year (nilai_provinsi; null where the warehouse has none). sources_level and
-- sources_provinsi name the sources of the group's figures that year (source ids joined by '+',
-- sorted; the province's own figure included), so a card can name where its ranks come from.
create or replace table summary_ranks as
with peers as (
    select
        f.indicator,
        f.tahun,
        f.kode,
        f.nilai,
        f.source_id,
        r.level,
        r.provinsi,
        case when i.higher_is_better = false then f.nilai else -f.nilai end as urut
    from facts_all as f
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
province_totals as (
    select provinsi, count(*) as n_total
    from regions
    where level in ('kota', 'kabupaten') and is_current
    group by provinsi
),
five as (
    select p.indicator, p.tahun, p.kode, p.nilai - b.nilai as ubah5
    from peers as p
    inner join peers as b on b.indicator = p.indicator and b.kode = p.kode and b.tahun = p.tahun - 5
),
province_own as (
    select f.indicator, f.tahun, f.kode as provinsi, f.nilai, f.source_id
    from facts_all as f
    inner join regions as r on r.kode = f.kode
    where f.periode = 0 and r.level = 'provinsi'
),
level_sources as (
    select indicator, tahun, level, string_agg(distinct source_id, '+' order by source_id) as sources
    from peers
    group by indicator, tahun, level
),
province_sources as (
    select indicator, tahun, provinsi, string_agg(distinct source_id, '+' order by source_id) as sources
    from (
        select indicator, tahun, provinsi, source_id from peers
        union all
        select indicator, tahun, provinsi, source_id from province_own
    )
    group by indicator, tahun, provinsi
)
select
    p.indicator,
    p.tahun,
    p.kode,
    p.level,
    rank() over (partition by p.indicator, p.tahun, p.level order by p.urut) as rank_level,
    count(*) over (partition by p.indicator, p.tahun, p.level) as n_level,
    rank() over (partition by p.indicator, p.tahun, p.provinsi order by p.urut) as rank_provinsi,
    count(*) over (partition by p.indicator, p.tahun, p.provinsi) as n_provinsi,
    p.provinsi,
    p.nilai,
    rank() over (partition by p.indicator, p.tahun, p.level order by p.urut desc) - 1 as worse_level,
    lt.n_total as n_level_total,
    round(avg(p.nilai) over (partition by p.indicator, p.tahun, p.level), 9) as mean_level,
    rank() over (partition by p.indicator, p.tahun, p.provinsi order by p.urut desc) - 1 as worse_provinsi,
    pt.n_total as n_provinsi_total,
    round(avg(p.nilai) over (partition by p.indicator, p.tahun, p.provinsi), 9) as mean_provinsi,
    v.ubah5,
    round(avg(v.ubah5) over (partition by p.indicator, p.tahun, p.level), 9) as mean_ubah5_level,
    count(v.ubah5) over (partition by p.indicator, p.tahun, p.level) as n_ubah5_level,
    round(avg(v.ubah5) over (partition by p.indicator, p.tahun, p.provinsi), 9) as mean_ubah5_provinsi,
    count(v.ubah5) over (partition by p.indicator, p.tahun, p.provinsi) as n_ubah5_provinsi,
    po.nilai as nilai_provinsi,
    ls.sources as sources_level,
    ps.sources as sources_provinsi
from peers as p
inner join level_totals as lt on lt.level = p.level
inner join province_totals as pt on pt.provinsi = p.provinsi
left join five as v on v.indicator = p.indicator and v.tahun = p.tahun and v.kode = p.kode
left join province_own as po on po.indicator = p.indicator and po.tahun = p.tahun and po.provinsi = p.provinsi
inner join level_sources as ls on ls.indicator = p.indicator and ls.tahun = p.tahun and ls.level = p.level
inner join province_sources as ps
    on ps.indicator = p.indicator and ps.tahun = p.tahun and ps.provinsi = p.provinsi
order by p.indicator, p.tahun, p.kode
