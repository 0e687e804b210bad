-- Each row represents one current kota or kabupaten a user can pick, with its province name.
-- Parameters: none.
select
    r.kode,
    r.nama,
    r.level,
    p.nama as provinsi_nama
from regions as r
left join regions as p on p.kode = r.provinsi and p.level = 'provinsi'
where r.level in ('kota', 'kabupaten') and r.is_current
order by r.level desc, r.nama
