-- Each row represents one survey period of one unit: the rule it follows, where its result
-- comes from (`dasar`: nrr = NRR per unsur, responden = answers, dilaporkan = only the
-- published total is known), respondents and the population of service users when known.
create table skm_surveys (
    survey_id varchar primary key,
    unit_id varchar not null references skm_units (unit_id),
    tahun integer,
    periode varchar,
    aturan varchar not null check (aturan in ('permenpanrb_14_2017', 'kepmenpan_25_2004', 'tidak_diketahui')),
    dasar varchar not null check (dasar in ('nrr', 'responden', 'dilaporkan')),
    responden integer check (responden > 0),
    populasi integer check (populasi > 0),
    nilai_dilaporkan decimal(5, 2),
    desimal_dilaporkan integer,
    kinerja_dilaporkan varchar,
    dilaporkan_pada varchar,
    source_id varchar not null,
    batch_id integer,
    catatan varchar,
    check (dasar <> 'dilaporkan' or nilai_dilaporkan is not null)
)
