-- (b) metadata.retention has_key "legalHold" (strict: only when metadata.retention is an object)
SELECT * FROM metastore.metastore_records
WHERE deleted_at IS NULL AND metadata @? 'strict $."retention"."legalHold"'
ORDER BY key LIMIT 51;
