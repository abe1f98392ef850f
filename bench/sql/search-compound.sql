-- (a) key starts_with "assets/" + metadata.status eq "active" + tags array_contains ["prod"], limit 50 (+1 to see a next page)
SELECT * FROM metastore.metastore_records
WHERE deleted_at IS NULL AND key >= 'assets/' AND key < 'assets0'
  AND metadata @> '{"status": "active"}' AND tags @> ARRAY['prod']
ORDER BY key LIMIT 51;
