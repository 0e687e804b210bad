-- Each row represents one kecamatan boundary of the chosen kota with the figure of the chosen
-- indicator and year (null when the source gives none: never zero), its rank within the city
-- (1 = best where higher_is_better is set, else the largest), its share of the sum of the
-- city's kecamatan figures (additive indicators only), and the derived density: the figure
-- divided by the area BPS printed (latest edition), only for a figure BPS produced itself (a
-- Dukcapil registry count is another series: SOURCES.md S13, S14) and only when that edition is
-- within the area's update interval, indicators.update_years, of the figure's year (a 2015 area
-- does not fit a 2024 population). The boundary polygon's area (`luas_poligon`) is for display
-- only, never a density (data/geo/SOURCES.md: "use the area from the publication"). Densities
-- are left null unless the figures cover exactly the current kecamatan (`cakupan_lengkap`):
-- figures of older boundaries (SP2010 before later splits) do not fit today's areas.
-- `ada_di_sp2010` comes from the seed-city reference list (null: not known).
-- Parameters: $kota (BPS code of the kota), $indicator (indicator code), $tahun (year).
with kec as (
    select s.kode_kemendagri, s.kode, coalesce(r.nama, s.nama) as nama, s.luas_km2 as luas_poligon,
        s.ada_di_sp2010
    from shapes as s
    left join regions as r on r.kode = s.kode and r.level = 'kecamatan'
    where s.layer = 'kecamatan' and s.parent = $kota
),
fig as (
    select f.kode, f.nilai, f.status, f.source_id
    from facts_all as f
    inner join regions as r on r.kode = f.kode and r.level = 'kecamatan'
    where r.parent = $kota and f.indicator = $indicator and f.tahun = $tahun and f.periode = 0
),
meta as (
    select higher_is_better, coalesce(additive, false) as additive, concept,
        producer = (select producer from indicators where code = 'luas_wilayah_bps') as same_producer
    from indicators where code = $indicator
),
coverage as (
    select
        (select count(*) from fig) = (select count(*) from kec where kode is not null)
        and (select count(*) from fig where kode not in (select kode from kec where kode is not null)) = 0
        as lengkap,
        (select sum(nilai) from fig) as jumlah
),
luas_bps as (
    select kode, arg_max(nilai, tahun) as luas, max(tahun) as tahun
    from facts_all
    where indicator = 'luas_wilayah_bps' and periode = 0
    group by kode
),
ranked as (
    select
        kode,
        rank() over (order by case when m.higher_is_better = false then nilai else -nilai end) as peringkat,
        count(*) over () as n_peringkat
    from fig, meta as m
)
select
    k.kode_kemendagri,
    k.kode,
    k.nama,
    f.nilai,
    f.status,
    f.source_id,
    rk.peringkat,
    rk.n_peringkat,
    case when m.additive and c.jumlah > 0 then f.nilai / c.jumlah * 100 end as pangsa_persen,
    k.luas_poligon,
    lb.luas as luas_bps,
    lb.tahun as luas_bps_tahun,
    case when m.concept = 'penduduk' and m.same_producer and c.lengkap and lb.luas > 0
        and abs($tahun - lb.tahun) <= (select update_years from indicators where code = 'luas_wilayah_bps')
        then f.nilai / lb.luas end as kepadatan_bps,
    c.lengkap as cakupan_lengkap,
    k.ada_di_sp2010
from kec as k
cross join meta as m
cross join coverage as c
left join fig as f on f.kode = k.kode
left join ranked as rk on rk.kode = k.kode
left join luas_bps as lb on lb.kode = k.kode
order by k.kode_kemendagri
