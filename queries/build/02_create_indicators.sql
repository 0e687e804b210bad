-- Each row represents one indicator series (a concept measured one way, by one producer);
-- two series of one concept (e.g. BPS vs Dukcapil population) are two rows sharing `concept`.
create table indicators (
    code varchar primary key,
    name_id varchar not null,
    name_en varchar not null,
    short_id varchar not null,
    short_en varchar not null,
    unit_id varchar not null,
    unit_en varchar not null,
    decimals integer not null,
    higher_is_better boolean,
    chapter varchar,
    concept varchar not null,
    additive boolean not null,
    update_years integer,
    producer varchar not null,
    derived_formula varchar,
    definition_id varchar not null,
    definition_en varchar not null,
    method_id varchar,
    interpretation_id varchar,
    komposit boolean,
    indikator_pembangun varchar,
    kegiatan_penghasil varchar,
    level_estimasi varchar,
    -- MS-Indikator fields and quality-check settings (issue 7)
    konsep_id varchar,
    klasifikasi_penyajian varchar,
    kode_kegiatan varchar,
    variabel_pembangun varchar,
    akses_umum boolean,
    nilai_min double,
    nilai_maks double,
    lonjakan_maks double,
    -- years between a figure's reference year and its publication (issue 16, headline age badge)
    release_lag_years integer
)
