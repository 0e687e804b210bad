-- Each row represents one indicator an import may bring figures for, with its unit and
-- producer (used to check units, ranges and who may import it). Parameters: none.
select code, name_id, name_en, short_id, unit_id, unit_en, producer
from indicators
order by code
