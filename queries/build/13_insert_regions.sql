-- Copies the regions assembled from the ref_* files (registered as stage_regions).
insert into regions
select kode, kode_bps, kode_kemendagri, nama, nama_bps, level, parent, provinsi, luas_km2,
       luas_sumber, batas_vintage, is_current, catatan
from stage_regions
