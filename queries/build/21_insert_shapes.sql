-- Each row represents one shape staged by dalamangka.geo.stage_shapes (see 20_create_shapes).
-- Parameters: none.
insert into shapes
select layer, kode_kemendagri, kode, nama, parent, level, luas_km2, label_lon, label_lat, ada_di_sp2010, wkb
from stage_shapes
order by layer, kode_kemendagri
