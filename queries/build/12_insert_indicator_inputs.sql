-- Copies the source-to-indicator mapping of data/indicators.toml (`from` lists).
insert into indicator_inputs
select indicator, source_id, raw_pattern
from stage_indicator_inputs
