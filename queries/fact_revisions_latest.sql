-- Each row represents the latest revision of one figure of a region: the value it was revised
-- from and when ("direvisi dari x pada <tanggal>"). Parameters: $kode, $indicators (codes).
select indicator, kode, tahun, periode, old_nilai, old_status, old_source_id, new_nilai,
       batch_id, revised_at
from fact_revisions
where kode = $kode and list_contains($indicators, indicator)
qualify row_number() over (
    partition by indicator, kode, tahun, periode order by revised_at desc, batch_id desc
) = 1
order by indicator, tahun, periode
