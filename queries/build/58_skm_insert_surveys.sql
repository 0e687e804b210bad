-- Copies the shipped survey results (data/skm/surveys.csv): only figures published with a
-- source; what the source does not give stays null. Parameters: $data_dir.
insert into skm_surveys (
    survey_id, unit_id, tahun, periode, aturan, dasar, responden, populasi, nilai_dilaporkan,
    desimal_dilaporkan, kinerja_dilaporkan, dilaporkan_pada, source_id, batch_id, catatan
)
select
    survey_id, unit_id, tahun, periode, aturan, dasar, responden, populasi, nilai_dilaporkan,
    desimal_dilaporkan, kinerja_dilaporkan, dilaporkan_pada, source_id, null, catatan
from read_csv(
    $data_dir || '/skm/surveys.csv', header = true, auto_detect = false,
    columns = {
        'survey_id': 'varchar', 'unit_id': 'varchar', 'tahun': 'integer', 'periode': 'varchar',
        'aturan': 'varchar', 'dasar': 'varchar', 'responden': 'integer', 'populasi': 'integer',
        'nilai_dilaporkan': 'decimal(5,2)', 'desimal_dilaporkan': 'integer',
        'kinerja_dilaporkan': 'varchar', 'dilaporkan_pada': 'varchar', 'source_id': 'varchar',
        'catatan': 'varchar'
    }
)
