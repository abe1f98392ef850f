-- (d) namespace eq "models" + metadata.metrics.accuracy between [0.9, 0.95] (numbers only), sort metadata.size desc,
-- records without a size last, key as the tie-breaker
SELECT * FROM metastore.metastore_records
WHERE deleted_at IS NULL AND namespace = 'models'
  AND metadata @? '$."metrics"."accuracy" ? (@.type() == "number" && @ >= 0.9 && @ <= 0.95)'
ORDER BY metadata -> 'size' DESC NULLS LAST, key LIMIT 51;
