-- Each row represents one SKM survey period of a service unit of the city $kode: unit, OPD,
-- year, period, rule, basis (nrr | responden | dilaporkan), respondents, population of service
-- users, the published value where only that is known, and the source's citation.
-- Parameters: $kode.
select
    s.survey_id, u.unit_id, u.unit_layanan, u.opd, u.kode, s.tahun, s.periode, s.aturan, s.dasar,
    coalesce(s.responden, a.n_responden) as responden, s.populasi,
    cast(s.nilai_dilaporkan as varchar) as nilai_dilaporkan, s.desimal_dilaporkan,
    s.kinerja_dilaporkan, s.dilaporkan_pada, s.source_id, s.batch_id, s.catatan,
    coalesce(k.cite_id, src.cite_id) as cite_id, coalesce(k.cite_en, src.cite_en) as cite_en,
    coalesce(k.caveats, src.caveats) as caveats
from skm_surveys as s
inner join skm_units as u on u.unit_id = s.unit_id
left join skm_sources as k on k.source_id = s.source_id
left join sources as src on src.source_id = s.source_id
left join (
    select survey_id, count(*) as n_responden from skm_respondents group by survey_id
) as a on a.survey_id = s.survey_id
where u.kode = $kode
order by u.opd, u.unit_layanan, s.tahun nulls first, s.periode nulls first, s.survey_id
