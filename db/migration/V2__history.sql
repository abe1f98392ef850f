-- Every version of every record (issue 16), written by a trigger on metastore_records in the writing transaction
-- itself: no Java write path (single, bulk, soft delete, revive) can miss it, it costs no extra round trip, and an
-- identical POST replay, which updates nothing, adds nothing. Each entry is the row as stored, so it equals the
-- write's answer (the answer is what the write flushed), timestamps to the microsecond.
--
-- xid and seq serve the change feed (GET /changes): xid, the writing transaction's top-level id, says which feed
-- snapshot first sees the entry committed; seq, taken while the transaction holds the key's row lock, orders the
-- versions of one key and, as each transaction's largest seq, the transactions inside one snapshot's delta
-- (docs/architecture.md, "The change feed").
-- Cache 1 (the default): values follow the order in which sessions take them, which the feed's order relies on.
CREATE SEQUENCE metastore_history_seq;

CREATE TABLE metastore_history (
    seq         bigint NOT NULL DEFAULT nextval('metastore_history_seq'),
    xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    key         text COLLATE "C" NOT NULL,
    namespace   text COLLATE "C" NOT NULL,
    change      text NOT NULL,
    metadata    jsonb NOT NULL,
    tags        text[] COLLATE "C" NOT NULL,
    owner       text COLLATE "C",
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    deleted_at  timestamptz,
    created_by  text COLLATE "C" NOT NULL,
    updated_by  text COLLATE "C" NOT NULL,
    -- The change feed reads the transactions a snapshot did not see (xid at or above its xmax, or one of its
    -- in-progress xids) through this index, and pruning walks it from the oldest transaction.
    CONSTRAINT metastore_history_pkey PRIMARY KEY (xid, seq),
    CONSTRAINT metastore_history_change CHECK (change IN ('created', 'updated', 'deleted', 'revived'))
);
ALTER SEQUENCE metastore_history_seq OWNED BY metastore_history.seq;

-- GET /history/{key}: newest first, keyset on version; ?version=N. Also pruning's "is there a newer entry". With the
-- primary key, the only two indexes a write maintains here.
CREATE UNIQUE INDEX metastore_history_key_version ON metastore_history (key, version);

CREATE FUNCTION metastore_history_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        kind := 'created';
    ELSIF NEW.version = OLD.version THEN
        RETURN NULL; -- not a write of the record (every write bumps the version)
    ELSIF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        kind := 'deleted';
    ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN
        kind := 'revived';
    ELSE
        kind := 'updated';
    END IF;
    -- qualified: the writers' connections do not have schema metastore on their search_path
    INSERT INTO metastore.metastore_history (key, namespace, change, metadata, tags, owner, version, created_at,
                                             updated_at, deleted_at, created_by, updated_by)
    VALUES (NEW.key, NEW.namespace, kind, NEW.metadata, NEW.tags, NEW.owner, NEW.version, NEW.created_at,
            NEW.updated_at, NEW.deleted_at, NEW.created_by, NEW.updated_by);
    RETURN NULL;
END;
$$;

-- Records written before this migration get their current version as their first entry, so that every key has a
-- newest entry (never pruned) and GET /history answers for it. The trigger is created in the same transaction, which
-- holds off writers until the migration commits (CREATE TRIGGER takes a SHARE ROW EXCLUSIVE lock): no write falls
-- between the copy and the trigger.
CREATE TRIGGER metastore_history_record AFTER INSERT OR UPDATE ON metastore_records
    FOR EACH ROW EXECUTE FUNCTION metastore_history_record();

INSERT INTO metastore_history (key, namespace, change, metadata, tags, owner, version, created_at, updated_at,
                               deleted_at, created_by, updated_by)
SELECT key, namespace,
       CASE WHEN deleted_at IS NOT NULL THEN 'deleted' WHEN version = 1 THEN 'created' ELSE 'updated' END,
       metadata, tags, owner, version, created_at, updated_at, deleted_at, created_by, updated_by
FROM metastore_records ORDER BY key;

-- Pruning's clock (HistoryPruner): each pruning run notes the oldest transaction still running (the xmin of its
-- snapshot) and when. An entry whose xid is below a mark taken more than the retention ago committed before that
-- mark, so every change feed cursor young enough to be honoured already saw it: pruning it cannot make a feed skip.
CREATE TABLE metastore_history_marks (
    taken_at    timestamptz PRIMARY KEY,
    oldest_xid  xid8 NOT NULL
);
