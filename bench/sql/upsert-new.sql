-- PUT of a new key as a single statement: what `bench/run.sh upsert` asks the service to do, for bench/check.sh's ratio.
-- Keys are new on every transaction (client id and a per-client counter are random enough at these rates).
\set n random(1, 2000000000)
INSERT INTO metastore.metastore_records (key, metadata, tags, owner, version, created_at, updated_at, created_by, updated_by)
VALUES ('jobs/pgbench-upsert-' || :client_id || '-' || :n,
        '{"size": 123456, "status": "active", "region": "eu-west-1", "owner": {"team": "data"}, "labels": ["raw", "daily"], "createdBy": "bench"}',
        ARRAY['prod', 'gold'], 'team-data', 1, now(), now(), 'bench', 'bench')
ON CONFLICT (key) DO UPDATE SET metadata = EXCLUDED.metadata, tags = EXCLUDED.tags, owner = EXCLUDED.owner,
    version = metastore_records.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by;
