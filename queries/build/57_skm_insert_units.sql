-- Copies the shipped service units (data/skm/units.csv). Parameters: $data_dir.
insert into skm_units
select unit_id, kode, opd, unit_layanan, catatan
from read_csv(
    $data_dir || '/skm/units.csv', header = true, auto_detect = false,
    columns = {
        'unit_id': 'varchar', 'kode': 'varchar', 'opd': 'varchar', 'unit_layanan': 'varchar',
        'catatan': 'varchar'
    }
)
