-- Each row represents one boundary shape of a layer: a kecamatan of a kota (layer 'kecamatan'),
-- a kab/kota dissolved from the national kecamatan layer ('kabkota'), or a kelurahan of a seed
-- city ('kelurahan'). `kode` is the BPS code where the crosswalk gives one (kelurahan: their
-- Kemendagri code), `parent` the BPS code of the enclosing region, `ada_di_sp2010` whether a
-- seed-city kecamatan existed at SP2010 (ref_kecamatan_5kota.csv; null: not known), `wkb` the geometry
-- (EPSG:4326, read by dalamangka.geo; no spatial extension). Parameters: none.
create table shapes (
    layer varchar not null check (layer in ('kecamatan', 'kabkota', 'kelurahan')),
    kode_kemendagri varchar not null,
    kode varchar,
    nama varchar not null,
    parent varchar,
    level varchar not null,
    luas_km2 double,
    label_lon double,
    label_lat double,
    ada_di_sp2010 boolean,
    wkb blob not null,
    primary key (layer, kode_kemendagri)
)
