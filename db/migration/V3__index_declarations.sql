-- Declared indexes (API.md, "Declared indexes"): what a namespace admin asked for, and how far Metastore got in
-- building it. The physical index itself is not created here: each declaration becomes a partial expression B-tree
-- named index_name, built with CREATE INDEX CONCURRENTLY outside any transaction (indexes' IndexBuilder), so that
-- building never blocks writes to records. state is what a client reads: building until the index is valid, ready
-- once it is, failed (with error) when PostgreSQL refused to build it.
CREATE TABLE metastore_index_declarations (
    namespace   text COLLATE "C" NOT NULL,
    name        text COLLATE "C" NOT NULL,
    -- the metadata path as a search names it, e.g. metadata.metrics.accuracy
    field       text COLLATE "C" NOT NULL,
    type        text COLLATE "C" NOT NULL,
    state       text COLLATE "C" NOT NULL,
    error       text,
    -- derived from the declaration by a hash, never from raw client text, and at most 63 bytes (PostgreSQL's limit)
    index_name  text COLLATE "C" NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text COLLATE "C" NOT NULL,
    CONSTRAINT metastore_index_declarations_pk PRIMARY KEY (namespace, name),
    CONSTRAINT metastore_index_declarations_index_name_unique UNIQUE (index_name),
    CONSTRAINT metastore_index_declarations_type CHECK (type IN ('number', 'string')),
    CONSTRAINT metastore_index_declarations_state CHECK (state IN ('building', 'ready', 'failed')),
    CONSTRAINT metastore_index_declarations_error CHECK ((state = 'failed') = (error IS NOT NULL))
);
