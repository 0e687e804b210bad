-- Each row represents one indicator and year with figures for kecamatan of the chosen kota:
-- how many kecamatan have a figure, the indicator's metadata, and the source of those figures.
-- Parameters: $kota (BPS code of the kota).
select
    f.indicator,
    f.tahun,
    count(*) as n_kecamatan,
    min(f.source_id) as source_id,
    i.short_id, i.short_en, i.name_id, i.name_en, i.unit_id, i.unit_en, i.decimals,
    i.higher_is_better, i.additive, i.concept
from facts_all as f
inner join regions as r on r.kode = f.kode and r.level = 'kecamatan'
inner join indicators as i on i.code = f.indicator
where r.parent = $kota and f.periode = 0
group by all
order by i.short_id, f.tahun desc
