-- Each row represents one yearly figure of the chosen kab/kota for one indicator, with its rank
-- that year among the current regions of its level (kota or kabupaten) and among the kab/kota of
-- its province, how many of each group have the figure (n_*) of how many exist (n_*_total), how
-- many are strictly worse (worse_*), the group means, the five-year changes (ubah5 over exactly
-- five years, and the groups' mean of it), the province's own figure (nilai_provinsi) and the
-- sources of each group's figures (sources_level, sources_provinsi: source ids joined by '+').
-- dalamangka/headline.py picks from these rows the latest year a group can be compared on.
-- Parameters: $kode (BPS code), $indicators (list of indicator codes).
-- Precomputed in summary_ranks (queries/refresh/09_ranks.sql) when the data changes.
with wanted as (
    select distinct unnest($indicators) as indicator
)
select
    rk.indicator,
    rk.tahun,
    rk.nilai,
    rk.level,
    rk.rank_level,
    rk.n_level,
    rk.n_level_total,
    rk.worse_level,
    rk.mean_level,
    rk.rank_provinsi,
    rk.n_provinsi,
    rk.n_provinsi_total,
    rk.worse_provinsi,
    rk.mean_provinsi,
    rk.nilai_provinsi,
    rk.ubah5,
    rk.mean_ubah5_level,
    rk.n_ubah5_level,
    rk.mean_ubah5_provinsi,
    rk.n_ubah5_provinsi,
    rk.sources_level,
    rk.sources_provinsi
from summary_ranks as rk
inner join wanted as w on w.indicator = rk.indicator
where rk.kode = $kode
order by rk.indicator, rk.tahun
