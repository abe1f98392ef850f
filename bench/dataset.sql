-- Generates Metastore records number :first to :last in one INSERT ... SELECT, shaped the way the service writes them.
-- bench/dataset.sh runs it once per chunk, so that a large load reports progress, then runs VACUUM ANALYZE.
-- psql variables: first, last, run (key tag, may be empty), seed (integer), truncate (true/false).
-- Values come from hashes of the row number and the seed rather than random(), so a run is reproducible and every
-- row draws independent values however the planner evaluates the expressions.
\set ON_ERROR_STOP on
SET search_path = metastore;
-- A large pending list lets the GIN indexes absorb a million inserts without a tree insert per row.
SET maintenance_work_mem = '512MB';
SET gin_pending_list_limit = '64MB';

-- uniform value in [0, 1) for row i and draw number salt
-- (built with \gexec because psql does not substitute :seed inside a quoted function body)
SELECT format('CREATE FUNCTION pg_temp.u(i bigint, salt int) RETURNS float8 IMMUTABLE LANGUAGE sql AS %L',
              format('SELECT (hashint8extended(i, %s::bigint * 1000 + salt) & 2147483647)::float8 / 2147483648', :seed)) \gexec
-- one element of a text array chosen by a uniform value
CREATE FUNCTION pg_temp.pick(choices text[], x float8) RETURNS text IMMUTABLE LANGUAGE sql
    AS $$ SELECT choices[1 + floor(x * array_length(choices, 1))::int] $$;

SELECT :truncate AS truncating \gset
\if :truncating
TRUNCATE metastore_records;
\endif

INSERT INTO metastore_records (key, metadata, tags, owner, version, created_at, updated_at, deleted_at,
                               created_by, updated_by)
SELECT ns || '/' || stem || :'run' || lpad(i::text, 7, '0'),
       metadata, tags, owner, version, created_at, updated_at,
       CASE WHEN deleted THEN updated_at END,           -- a soft delete stamps deletedAt and updatedAt alike
       created_by,
       CASE WHEN version = 1 THEN created_by ELSE updated_by END
FROM (
    SELECT i, ns, stem, owner, version, created_at, deleted, created_by, updated_by,
           -- version 1 was never touched again; later versions were updated some time after creation
           CASE WHEN version = 1 THEN created_at
                ELSE created_at + (timestamptz '2026-11-27 00:00Z' - created_at) * pg_temp.u(i, 9) END AS updated_at,
           tags,
           jsonb_strip_nulls(common || specific) AS metadata   -- absent optional members vary the shape
    FROM (
        SELECT i, ns, stem,
               CASE WHEN pg_temp.u(i, 2) < 0.9 THEN 'team-' || team END AS owner,
               -- most records are written once; a few are rewritten many times
               CASE WHEN pg_temp.u(i, 3) < 0.45 THEN 1 ELSE 2 + floor(pg_temp.u(i, 4) ^ 3 * 30)::int END
                   + CASE WHEN deleted THEN 1 ELSE 0 END AS version,
               -- created over the 12 months before 2026-11-27, in microseconds like the service's clock
               date_trunc('microseconds', timestamptz '2026-11-27 00:00Z' - interval '365 days' * pg_temp.u(i, 5))
                   AS created_at,
               deleted,
               pg_temp.pick('{svc-catalog,svc-scheduler,svc-training,svc-ingest,alice,bob,carol,dave}', pg_temp.u(i, 6))
                   AS created_by,
               pg_temp.pick('{svc-catalog,svc-scheduler,alice,bob,carol,erin}', pg_temp.u(i, 7)) AS updated_by,
               -- an environment tag on 90 % of records, then 0 to 4 distinct tags from a shuffled vocabulary slice
               (CASE WHEN pg_temp.u(i, 10) < 0.9
                     THEN ARRAY[pg_temp.pick('{prod,prod,prod,staging,staging,dev}', pg_temp.u(i, 11))]
                     ELSE '{}'::text[] END)
                 || (('{pii,gold,silver,bronze,gdpr,finance,marketing,ml,critical,deprecated,experimental,archived,'
                      'pii,gold,silver,bronze}'::text[])
                     [1 + floor(pg_temp.u(i, 12) * 12)::int : floor(pg_temp.u(i, 12) * 12)::int
                                                             + floor(pg_temp.u(i, 13) ^ 1.5 * 5)::int]) AS tags,
               jsonb_build_object(
                   'status', pg_temp.pick(statuses, pg_temp.u(i, 20)),
                   'region', pg_temp.pick('{eu-west-1,eu-central-1,us-east-1,us-west-2,ap-south-1}', pg_temp.u(i, 21)),
                   'createdBy', pg_temp.pick('{svc-catalog,svc-ingest,alice,bob}', pg_temp.u(i, 6)),
                   -- a team object on 85 %, a bare string on 5 % (has_key must not match it), absent otherwise
                   'owner', CASE WHEN pg_temp.u(i, 22) < 0.85
                                 THEN jsonb_build_object('team', team, 'oncall',
                                          CASE WHEN pg_temp.u(i, 23) < 0.5 THEN team || '-oncall@example.com' END)
                                 WHEN pg_temp.u(i, 22) < 0.90 THEN to_jsonb(team) END,
                   'labels', CASE WHEN pg_temp.u(i, 24) < 0.7 THEN to_jsonb((
                                 '{raw,curated,daily,hourly,external,internal,verified,sampled}'::text[])
                                 [1 + floor(pg_temp.u(i, 25) * 5)::int : 1 + floor(pg_temp.u(i, 25) * 5)::int
                                                                         + floor(pg_temp.u(i, 26) * 3)::int]) END
               ) AS common,
               CASE ns
                 WHEN 'assets' THEN jsonb_build_object(
                     'size', floor(exp(pg_temp.u(i, 30) * 23))::bigint,   -- 1 B to ~10 GB, log-uniform
                     'format', pg_temp.pick('{parquet,csv,json,avro,png,pdf}', pg_temp.u(i, 31)),
                     'checksum', 'sha256:' || md5(i::text || :'run'),
                     'retention', CASE WHEN pg_temp.u(i, 32) < 0.3 THEN jsonb_build_object(
                         'days', (ARRAY[30, 90, 365, 2555])[1 + floor(pg_temp.u(i, 33) * 4)::int],
                         'legalHold', CASE WHEN pg_temp.u(i, 34) < 0.2 THEN true END) END)
                 WHEN 'jobs' THEN jsonb_build_object(
                     'schedule', pg_temp.pick('{"0 * * * *","0 2 * * *","*/15 * * * *",@daily,@weekly}', pg_temp.u(i, 30)),
                     'durationMs', floor(pg_temp.u(i, 31) ^ 2 * 3600000)::int,
                     'retries', floor(pg_temp.u(i, 32) ^ 4 * 6)::int,
                     'lastRun', jsonb_build_object('ok', pg_temp.u(i, 33) < 0.92,
                                                   'at', created_at_text, 'attempt', 1 + floor(pg_temp.u(i, 34) * 3)::int),
                     'params', jsonb_build_object('batchSize', (ARRAY[100, 500, 1000, 5000])[1 + floor(pg_temp.u(i, 35) * 4)::int],
                                                  'dryRun', pg_temp.u(i, 36) < 0.1))
                 WHEN 'models' THEN jsonb_build_object(
                     'framework', pg_temp.pick('{pytorch,tensorflow,xgboost,sklearn,onnx}', pg_temp.u(i, 30)),
                     'size', floor(exp(10 + pg_temp.u(i, 31) * 13))::bigint,
                     'metrics', jsonb_build_object('accuracy', round((0.6 + pg_temp.u(i, 32) * 0.39)::numeric, 4),
                                                   'f1', round((0.5 + pg_temp.u(i, 33) * 0.49)::numeric, 4),
                                                   'latencyMs', CASE WHEN pg_temp.u(i, 34) < 0.6 THEN round((pg_temp.u(i, 35) * 200)::numeric, 1) END),
                     'stage', pg_temp.pick('{candidate,staging,production,archived}', pg_temp.u(i, 36)),
                     'hyperparameters', jsonb_build_object('lr', (ARRAY[0.1, 0.01, 0.001, 0.0001])[1 + floor(pg_temp.u(i, 37) * 4)::int],
                                                           'epochs', 1 + floor(pg_temp.u(i, 38) * 100)::int))
                 WHEN 'datasets' THEN jsonb_build_object(
                     'rows', floor(exp(pg_temp.u(i, 30) * 20))::bigint,
                     'size', floor(exp(pg_temp.u(i, 31) * 25))::bigint,
                     'containsPii', pg_temp.u(i, 32) < 0.2,
                     'columns', to_jsonb(('{id,name,email,created_at,amount,country,user_id,event,score,ts}'::text[])
                                         [1 : 2 + floor(pg_temp.u(i, 33) * 9)::int]),
                     'partitioning', CASE WHEN pg_temp.u(i, 34) < 0.5 THEN jsonb_build_object('by', 'date', 'granularity',
                                          pg_temp.pick('{day,hour,month}', pg_temp.u(i, 35))) END)
                 WHEN 'pipelines' THEN jsonb_build_object(
                     'steps', (SELECT jsonb_agg(jsonb_build_object('name', 'step-' || s, 'image', 'registry.local/step:' || s))
                               FROM generate_series(1, 1 + floor(pg_temp.u(i, 30) * 6)::int) AS s),
                     'concurrency', 1 + floor(pg_temp.u(i, 31) * 8)::int,
                     'paused', pg_temp.u(i, 32) < 0.05)
                 ELSE jsonb_build_object(   -- dashboards
                     'views', floor(pg_temp.u(i, 30) ^ 3 * 100000)::int,
                     'public', pg_temp.u(i, 31) < 0.15,
                     'panels', 1 + floor(pg_temp.u(i, 32) * 20)::int)
               END AS specific
        FROM (
            SELECT i,
                   ns.name AS ns, ns.stem,
                   pg_temp.pick('{data,ml,platform,finance,growth,infra,search}', pg_temp.u(i, 1)) AS team,
                   pg_temp.u(i, 8) < 0.01 AS deleted,       -- ~1 % soft-deleted
                   CASE ns.name WHEN 'jobs' THEN '{scheduled,running,succeeded,failed,paused}'::text[]
                                WHEN 'models' THEN '{training,ready,deployed,retired}'::text[]
                                ELSE '{active,active,active,draft,archived}'::text[] END AS statuses,
                   to_char(timestamptz '2026-11-27 00:00Z' - interval '30 days' * pg_temp.u(i, 14),
                           'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at_text
            FROM generate_series(:first, :last) AS i
            -- namespace weights: assets 35 %, jobs 20 %, datasets 15 %, models, pipelines, dashboards 10 % each
            CROSS JOIN LATERAL (
                SELECT CASE WHEN w < 0.35 THEN 'assets' WHEN w < 0.55 THEN 'jobs' WHEN w < 0.70 THEN 'datasets'
                            WHEN w < 0.80 THEN 'models' WHEN w < 0.90 THEN 'pipelines' ELSE 'dashboards' END AS name,
                       CASE WHEN w < 0.35 THEN 'asset-' WHEN w < 0.55 THEN 'job-' WHEN w < 0.70 THEN 'dataset-'
                            WHEN w < 0.80 THEN 'model-' WHEN w < 0.90 THEN 'pipeline-' ELSE 'dashboard-' END AS stem
                FROM (SELECT pg_temp.u(i, 0) AS w) AS weight
            ) AS ns
        ) AS base
    ) AS drawn
) AS rows;
