-- Recomputes summary_ranks whenever the facts change (at build and in every import commit).
-- Each row represents one yearly figure of a current kab/kota with its rank that year among the
-- current regions of the same level (kota or kabupaten) and among the kab/kota of its province.
-- Rank 1 is the best where higher_is_better is set (lowest first when it is false), else the
-- largest. Stored in (indicator, tahun, kode) order so a lookup reads few row groups.
create or replace table summary_ranks as
with peers as (
    select f.indicator, f.tahun, f.kode, f.nilai, r.level, r.provinsi, i.higher_is_better
    from facts_all as f
    inner join regions as r on r.kode = f.kode
    inner join indicators as i on i.code = f.indicator
    where f.periode = 0 and r.level in ('kota', 'kabupaten') and r.is_current
)
select
    indicator,
    tahun,
    kode,
    level,
    rank() over (
        partition by indicator, tahun, level
        order by case when higher_is_better = false then nilai else -nilai end
    ) as rank_level,
    count(*) over (partition by indicator, tahun, level) as n_level,
    rank() over (
        partition by indicator, tahun, provinsi
        order by case when higher_is_better = false then nilai else -nilai end
    ) as rank_provinsi,
    count(*) over (partition by indicator, tahun, provinsi) as n_provinsi
from peers
order by indicator, tahun, kode
