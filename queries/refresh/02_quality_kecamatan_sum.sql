-- Recomputes summary_quality_kecamatan_sum whenever the facts change (at build and in every import
-- commit), so the whole-warehouse work runs once per data change, not once per view.
-- The rows are those of queries/quality_kecamatan_sum.sql:
-- Each row represents one additive indicator, year and kab/kota that has both its own figure and
-- kecamatan figures: the kab/kota figure, the sum of its kecamatan (grouped by the first four
-- digits of the kecamatan's BPS code, the kab/kota of its own vintage), the difference, and
-- whether they agree at the indicator's printed precision (half of its last decimal).
-- Parameters: none.
create or replace table summary_quality_kecamatan_sum as
with kecamatan as (
    select
        f.indicator,
        f.tahun,
        f.periode,
        left(f.kode, 4) as induk,
        sum(f.nilai) as jumlah_kecamatan,
        count(*) as jumlah_baris_kecamatan,
        string_agg(distinct f.source_id, '+' order by f.source_id) as sumber_kecamatan
    from facts as f
    inner join regions as r on r.kode = f.kode
    where r.level = 'kecamatan'
    group by f.indicator, f.tahun, f.periode, left(f.kode, 4)
)
select
    k.indicator,
    k.tahun,
    k.induk as kode,
    r.nama,
    t.nilai as total_tercetak,
    k.jumlah_kecamatan,
    k.jumlah_kecamatan - t.nilai as selisih,
    k.jumlah_baris_kecamatan,
    t.source_id as sumber_total,
    k.sumber_kecamatan,
    abs(k.jumlah_kecamatan - t.nilai) <= 0.5 * pow(10, -i.decimals) as cocok
from kecamatan as k
inner join facts as t
    on t.indicator = k.indicator and t.kode = k.induk and t.tahun = k.tahun and t.periode = k.periode
inner join indicators as i on i.code = k.indicator and i.additive
inner join regions as r on r.kode = k.induk
order by cocok, k.indicator, k.tahun, k.induk
