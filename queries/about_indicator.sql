-- Each row represents one source that feeds the chosen indicator, with the indicator's metadata
-- repeated on every row (none when the code is unknown), the other series of its concept, and the
-- source's publication, table, status, caveats and citation. Parameters: $indicator (code).
with siblings as (
    select
        a.code,
        string_agg(b.code, ',' order by b.code) filter (where b.code <> a.code) as seri_lain
    from indicators as a
    inner join indicators as b on b.concept = a.concept
    where a.code = $indicator
    group by a.code
)
select
    i.code, i.name_id, i.name_en, i.unit_id, i.unit_en, i.decimals, i.concept, i.producer,
    i.update_years, i.derived_formula, i.konsep_id, i.definition_id, i.definition_en,
    i.interpretation_id, i.method_id, i.klasifikasi_penyajian, i.komposit,
    i.indikator_pembangun, i.kegiatan_penghasil, i.kode_kegiatan, i.variabel_pembangun,
    i.level_estimasi, i.akses_umum,
    sb.seri_lain,
    s.source_id, s.publisher, s.publication, s.table_name, s.status, s.caveats, s.cite_id, s.cite_en
from indicators as i
inner join siblings as sb on sb.code = i.code
left join indicator_inputs as m on m.indicator = i.code
left join sources as s on s.source_id = m.source_id
where i.code = $indicator
order by s.source_id
