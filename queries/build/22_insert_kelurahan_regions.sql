-- Each row represents one kelurahan of a seed city, added to `regions` from the boundary data
-- (level 'kelurahan', kode = its Kemendagri code: the sources give no BPS code; parent = the
-- kecamatan's BPS code; area = the polygon's, computed, not a BPS area). Parameters: none.
insert into regions (kode, kode_bps, kode_kemendagri, nama, nama_bps, level, parent, provinsi, luas_km2,
                     luas_sumber, batas_vintage, is_current, catatan)
select
    s.kode_kemendagri,
    null,
    s.kode_kemendagri,
    s.nama,
    null,
    'kelurahan',
    s.parent,
    substr(s.parent, 1, 2),
    s.luas_km2,
    'luas poligon batas (dihitung, bukan luas BPS)',
    'Kemendagri 2025 (Kepmendagri 300.2.2-2430/2025)',
    true,
    null
from stage_shapes as s
where s.layer = 'kelurahan'
order by s.kode_kemendagri
