-- Keeps the figure an import is about to replace (registered rows: stage_import) as a
-- revision, so the dashboard can say "direvisi dari x pada <tanggal>".
-- Parameters: $batch_id, $revised_at.
insert into fact_revisions (
    indicator, kode, tahun, periode, old_nilai, old_status, old_source_id, new_nilai, new_status,
    batch_id, revised_at
)
select
    f.indicator, f.kode, f.tahun, f.periode, f.nilai, f.status, f.source_id,
    s.nilai, s.status, $batch_id, $revised_at
from stage_import as s
inner join facts as f
    on f.indicator = s.indicator and f.kode = s.kode and f.tahun = s.tahun and f.periode = s.periode
where f.nilai <> s.nilai or f.status <> s.status
