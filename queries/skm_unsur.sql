-- Each row represents one unsur of one SKM survey of the city $kode: its name, its weight and
-- NRR as exact decimal text (null weight = equal weights), and for respondent-level surveys the
-- sum and number of the answers (dalamangka.skm computes NRR = total / n exactly).
-- Parameters: $kode.
select
    e.survey_id, e.unsur, e.nama, cast(e.bobot as varchar) as bobot, cast(e.nrr as varchar) as nrr,
    cast(sum(a.nilai) as bigint) as total, count(a.nilai) as n
from skm_unsur as e
inner join skm_surveys as s on s.survey_id = e.survey_id
inner join skm_units as u on u.unit_id = s.unit_id
left join skm_answers as a on a.survey_id = e.survey_id and a.unsur = e.unsur
where u.kode = $kode
group by e.survey_id, e.unsur, e.nama, e.bobot, e.nrr
order by e.survey_id, cast(substr(e.unsur, 2) as integer)
