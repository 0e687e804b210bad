-- Adds the new indicators an import defines (registered as stage_import_indicators; a new
-- indicator always comes with its name, unit and definition). Parameters: none.
insert into indicators (
    code, name_id, name_en, short_id, short_en, unit_id, unit_en, decimals, higher_is_better,
    chapter, concept, additive, update_years, producer, definition_id, definition_en
)
select code, name_id, name_en, short_id, short_en, unit_id, unit_en, decimals, higher_is_better,
       chapter, concept, additive, update_years, producer, definition_id, definition_en
from stage_import_indicators
