-- Each row represents a kota/kabupaten that has SKM results in the warehouse, with its number
-- of service units and surveys. Parameters: none.
select r.kode, r.nama, count(distinct u.unit_id) as units, count(s.survey_id) as surveys
from skm_units as u
inner join regions as r on r.kode = u.kode
inner join skm_surveys as s on s.unit_id = u.unit_id
group by r.kode, r.nama
order by r.nama
