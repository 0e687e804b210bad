-- Recomputes summary_catalog_indicators whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/catalog_indicators.sql:
-- Each row represents one indicator with every MS-Indikator field (Peraturan BPS 5/2020) the
-- warehouse holds for it, the publications its figures come from, its coverage (years, regions,
-- rows), how many of its rows use a current BPS region code, and how many series share its
-- concept (more than one = a series break or a second producer). A derived indicator's
-- publication is the dashboard's formula and its sources those of its figures. Parameters: none.
create or replace table summary_catalog_indicators as
with coverage as (
    select
        f.indicator,
        min(f.tahun) as tahun_awal,
        max(f.tahun) as tahun_akhir,
        count(distinct f.kode) as jumlah_wilayah,
        count(*) as jumlah_baris,
        count(*) filter (where r.is_current and r.kode_bps is not null) as baris_kode_berlaku,
        string_agg(distinct f.source_id, '+' order by f.source_id) as sumber_fakta
    from facts_all as f
    inner join regions as r on r.kode = f.kode
    group by f.indicator
),
publications as (
    select
        m.indicator,
        string_agg(distinct s.source_id, '+' order by s.source_id) as sumber,
        string_agg(
            distinct s.publication || coalesce(' — ' || s.table_name, ''), '; '
            order by s.publication || coalesce(' — ' || s.table_name, '')
        ) as publikasi  -- ordered: the same text on every build (parallel aggregation reorders)
    from indicator_inputs as m
    inner join sources as s on s.source_id = m.source_id
    group by m.indicator
),
series as (
    select concept, count(*) as seri_konsep
    from indicators
    group by concept
)
select
    i.code, i.name_id, i.name_en, i.short_id, i.short_en, i.unit_id, i.unit_en, i.decimals,
    i.chapter, i.concept, i.producer, i.update_years, i.derived_formula,
    i.konsep_id, i.definition_id, i.definition_en, i.interpretation_id, i.method_id,
    i.klasifikasi_penyajian, i.komposit, i.indikator_pembangun, i.kegiatan_penghasil,
    i.kode_kegiatan, i.variabel_pembangun, i.level_estimasi, i.akses_umum,
    coalesce(p.sumber, c.sumber_fakta) as sumber,
    coalesce(p.publikasi, 'Dihitung dasbor: ' || i.derived_formula) as publikasi,
    c.tahun_awal, c.tahun_akhir, c.jumlah_wilayah, c.jumlah_baris, c.baris_kode_berlaku,
    s.seri_konsep
from indicators as i
left join publications as p on p.indicator = i.code
left join coverage as c on c.indicator = i.code
inner join series as s on s.concept = i.concept
order by i.producer, i.chapter, i.code
