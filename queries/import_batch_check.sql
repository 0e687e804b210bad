-- Each row represents the figures one batch left in the warehouse (one row): facts now under
-- its source and revisions it recorded; the import compares them with its plan before saving.
-- Parameters: $batch_id, $source_id.
select
    (select count(*) from facts where source_id = $source_id) as facts_from_batch,
    (select count(*) from fact_revisions where batch_id = $batch_id) as revisions,
    (select count(*) from observations where source_id = $source_id) as observations
