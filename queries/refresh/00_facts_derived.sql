-- Recomputes summary_facts_derived whenever the facts change (at build and in every import
-- commit, before the other summaries, which read facts_all). Runs first (00_).
-- Each row represents one figure derived from stored figures of one region, year, period and
-- source (never two series); queries read them through the view facts_all (derived = true).
-- kepadatan_dukcapil_big = penduduk_dukcapil / luas_wilayah_big;
-- from the Dukcapil Semester I 2024 registry (S16), per kecamatan and city:
-- rasio_jenis_kelamin_dukcapil_smt1 = laki-laki / perempuan * 100,
-- rata_rata_jiwa_per_kk_dukcapil_smt1 = penduduk / KK,
-- rasio_ketergantungan_dukcapil_smt1 = (umur 0-14 + umur 65+) / umur 15-64 * 100,
-- persen_umur_0_14_dukcapil_smt1 and persen_umur_65plus_dukcapil_smt1 = group / penduduk * 100.
-- A derived figure exists only where every input exists (an age group missing: no ratio).
-- Stored here, once per data change, instead of computed in the view on every read: the view
-- recomputed the registry pivot for each query over facts_all (about 5-15 ms of CPU per query,
-- docs/benchmarks.md, session 25). Stored in (indicator, kode, tahun) order for the lookups.
create or replace table summary_facts_derived as
with smt1 as (
    select
        kode, tahun, periode, source_id,
        any_value(status) as status,
        max(nilai) filter (where indicator = 'penduduk_dukcapil_smt1') as penduduk,
        max(nilai) filter (where indicator = 'penduduk_laki_laki_dukcapil_smt1') as laki_laki,
        max(nilai) filter (where indicator = 'penduduk_perempuan_dukcapil_smt1') as perempuan,
        max(nilai) filter (where indicator = 'jumlah_kk_dukcapil_smt1') as kk,
        sum(nilai) filter (where indicator in (
            'penduduk_umur_0_4_dukcapil_smt1', 'penduduk_umur_5_9_dukcapil_smt1',
            'penduduk_umur_10_14_dukcapil_smt1')) as muda,
        count(*) filter (where indicator in (
            'penduduk_umur_0_4_dukcapil_smt1', 'penduduk_umur_5_9_dukcapil_smt1',
            'penduduk_umur_10_14_dukcapil_smt1')) as n_muda,
        sum(nilai) filter (where indicator in (
            'penduduk_umur_15_19_dukcapil_smt1', 'penduduk_umur_20_24_dukcapil_smt1',
            'penduduk_umur_25_29_dukcapil_smt1', 'penduduk_umur_30_34_dukcapil_smt1',
            'penduduk_umur_35_39_dukcapil_smt1', 'penduduk_umur_40_44_dukcapil_smt1',
            'penduduk_umur_45_49_dukcapil_smt1', 'penduduk_umur_50_54_dukcapil_smt1',
            'penduduk_umur_55_59_dukcapil_smt1', 'penduduk_umur_60_64_dukcapil_smt1')) as produktif,
        count(*) filter (where indicator in (
            'penduduk_umur_15_19_dukcapil_smt1', 'penduduk_umur_20_24_dukcapil_smt1',
            'penduduk_umur_25_29_dukcapil_smt1', 'penduduk_umur_30_34_dukcapil_smt1',
            'penduduk_umur_35_39_dukcapil_smt1', 'penduduk_umur_40_44_dukcapil_smt1',
            'penduduk_umur_45_49_dukcapil_smt1', 'penduduk_umur_50_54_dukcapil_smt1',
            'penduduk_umur_55_59_dukcapil_smt1', 'penduduk_umur_60_64_dukcapil_smt1')) as n_produktif,
        sum(nilai) filter (where indicator in (
            'penduduk_umur_65_69_dukcapil_smt1', 'penduduk_umur_70_74_dukcapil_smt1',
            'penduduk_umur_75plus_dukcapil_smt1')) as tua,
        count(*) filter (where indicator in (
            'penduduk_umur_65_69_dukcapil_smt1', 'penduduk_umur_70_74_dukcapil_smt1',
            'penduduk_umur_75plus_dukcapil_smt1')) as n_tua
    from facts
    where ends_with(indicator, '_dukcapil_smt1')
    group by kode, tahun, periode, source_id
),
-- one pass over the pivot above (a CTE read once), unnested into one row per derived indicator
smt1_derived as (
    select
        kode, tahun, periode, status, source_id,
        unnest([
            'rasio_jenis_kelamin_dukcapil_smt1', 'rata_rata_jiwa_per_kk_dukcapil_smt1',
            'rasio_ketergantungan_dukcapil_smt1', 'persen_umur_0_14_dukcapil_smt1',
            'persen_umur_65plus_dukcapil_smt1'
        ]) as indicator,
        unnest([
            case when perempuan > 0 then laki_laki / perempuan * 100 end,
            case when kk > 0 then penduduk / kk end,
            case when n_muda = 3 and n_tua = 3 and n_produktif = 10 and produktif > 0
                then (muda + tua) / produktif * 100 end,
            case when n_muda = 3 and penduduk > 0 then muda / penduduk * 100 end,
            case when n_tua = 3 and penduduk > 0 then tua / penduduk * 100 end
        ]) as nilai
    from smt1
)
select indicator, kode, tahun, periode, nilai::double as nilai, status, source_id
from (
    select
        'kepadatan_dukcapil_big' as indicator,
        p.kode,
        p.tahun,
        p.periode,
        p.nilai / a.nilai as nilai,
        p.status,
        p.source_id
    from facts as p
    inner join facts as a
        on a.kode = p.kode and a.tahun = p.tahun and a.periode = p.periode
        and a.indicator = 'luas_wilayah_big' and a.nilai > 0
    where p.indicator = 'penduduk_dukcapil' and p.source_id = a.source_id
    union all
    select indicator, kode, tahun, periode, nilai, status, source_id
    from smt1_derived
    where nilai is not null
) as d
order by indicator, kode, tahun, periode
