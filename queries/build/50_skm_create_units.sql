-- Each row represents one public service unit (unit layanan) of the SKM/IKM module
-- (PermenPANRB 14/2017) with its OPD and its kota/kabupaten. Results are never stored:
-- dalamangka.skm computes NRR, IKM, the converted score and the category from `skm_unsur` or
-- `skm_answers` when read, so there is one computation. Parameters: none.
create table skm_units (
    unit_id varchar primary key,
    kode varchar not null references regions (kode),
    opd varchar not null,
    unit_layanan varchar not null,
    catatan varchar
)
