-- Copies the sources of the shipped SKM figures (data/skm/sources.csv). Parameters: $data_dir.
insert into skm_sources
select source_id, publisher, publication, table_name, licence, caveats, cite_id, cite_en
from read_csv(
    $data_dir || '/skm/sources.csv', header = true, all_varchar = true, auto_detect = false,
    columns = {
        'source_id': 'varchar', 'publisher': 'varchar', 'publication': 'varchar',
        'table_name': 'varchar', 'licence': 'varchar', 'caveats': 'varchar',
        'cite_id': 'varchar', 'cite_en': 'varchar'
    }
)
