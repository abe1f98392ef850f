-- (e) a later page of namespace eq "jobs" + metadata.status eq "failed", limit 100: the keyset cursor becomes key > last key
SELECT * FROM metastore.metastore_records
WHERE deleted_at IS NULL AND namespace = 'jobs' AND metadata @> '{"status": "failed"}'
  AND key > 'jobs/job-0300000'
ORDER BY key LIMIT 101;
