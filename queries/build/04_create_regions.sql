-- Each row represents one region (Indonesia, a province, a kabupaten or kota, a kecamatan or a
-- kelurahan), keyed by its BPS code (kelurahan without one: their Kemendagri code).
create table regions (
    kode varchar primary key,
    kode_bps varchar,
    kode_kemendagri varchar,
    nama varchar not null,
    nama_bps varchar,
    level varchar not null check (level in ('nasional', 'provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan')),
    parent varchar,
    provinsi varchar,
    luas_km2 double,
    luas_sumber varchar,
    batas_vintage varchar,
    is_current boolean not null,
    catatan varchar
)
