-- (c) tags array_contains ["pii", "gold"]
SELECT * FROM metastore.metastore_records
WHERE deleted_at IS NULL AND tags @> ARRAY['pii', 'gold']
ORDER BY key LIMIT 51;
