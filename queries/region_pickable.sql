-- Each row represents one current region above the kecamatan (nasional, provinsi, kota,
-- kabupaten) a user can add to a comparison, with its 2-digit province code and province name.
-- Parameters: none.
select
    r.kode,
    r.nama,
    r.level,
    r.provinsi,
    p.nama as provinsi_nama
from regions as r
left join regions as p on p.kode = r.provinsi and p.level = 'provinsi'
where r.is_current and r.level in ('nasional', 'provinsi', 'kota', 'kabupaten')
order by
    case r.level when 'nasional' then 0 when 'provinsi' then 1 when 'kota' then 2 else 3 end,
    r.nama
