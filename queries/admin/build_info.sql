-- Each row represents the one warehouse: what it was built from (see build/80_create_build_info)
-- and how many imports it holds that data/ does not (figure imports and SKM imports), which a
-- rebuild from data/ would lose.
select
    (select max(fingerprint) from build_info) as fingerprint,
    (select max(data_dir) from build_info) as data_dir,
    (select count(*) from import_batches) as imports,
    (select count(*) from skm_surveys where batch_id is not null) as skm_imports
