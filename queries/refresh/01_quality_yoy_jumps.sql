-- Recomputes summary_quality_yoy_jumps whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/quality_yoy_jumps.sql:
-- Each row represents one yearly figure that moved more than its indicator's threshold
-- (indicators.lonjakan_maks) from the same region's figure of the year before: in points for
-- rates, indices and years (units persen, indeks, tahun, anak per perempuan), in percent for
-- counts and amounts. Only consecutive years are compared. Parameters: none.
create or replace table summary_quality_yoy_jumps as
with yearly as (
    select
        f.indicator,
        f.kode,
        f.tahun,
        f.nilai,
        f.source_id,
        lag(f.tahun) over w as tahun_sebelumnya,
        lag(f.nilai) over w as nilai_sebelumnya,
        lag(f.source_id) over w as sumber_sebelumnya
    from facts_all as f
    where f.periode = 0
    window w as (partition by f.indicator, f.kode order by f.tahun)
),
changes as (
    select
        y.*,
        i.lonjakan_maks as batas,
        i.unit_id in ('persen', 'indeks', 'tahun', 'anak per perempuan') as dalam_poin,
        case
            when i.unit_id in ('persen', 'indeks', 'tahun', 'anak per perempuan')
                then y.nilai - y.nilai_sebelumnya
            when y.nilai_sebelumnya <> 0
                then (y.nilai - y.nilai_sebelumnya) / abs(y.nilai_sebelumnya) * 100
        end as perubahan
    from yearly as y
    inner join indicators as i on i.code = y.indicator
    where y.tahun_sebelumnya = y.tahun - 1 and i.lonjakan_maks is not null
)
select
    c.indicator,
    c.kode,
    r.nama,
    r.level,
    c.tahun_sebelumnya,
    c.nilai_sebelumnya,
    c.tahun,
    c.nilai,
    c.perubahan,
    c.dalam_poin,
    c.batas,
    c.sumber_sebelumnya,
    c.source_id
from changes as c
inner join regions as r on r.kode = c.kode
where abs(c.perubahan) > c.batas
order by c.indicator, c.kode, c.tahun
