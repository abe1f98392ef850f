-- Metastore's only table. Keys are identifiers compared byte-wise (COLLATE "C"), so a key prefix is a
-- B-tree range and keyset cursors order the way users read them, whatever the database's collation.
-- Ids come from a sequence that hands out blocks of 50, so Hibernate can batch inserts (IDENTITY cannot).
CREATE SEQUENCE metastore_records_id_seq INCREMENT BY 50;

CREATE TABLE metastore_records (
    id          bigint PRIMARY KEY DEFAULT nextval('metastore_records_id_seq'),
    key         text COLLATE "C" NOT NULL,
    namespace   text COLLATE "C" GENERATED ALWAYS AS (split_part(key, '/', 1)) STORED,
    metadata    jsonb NOT NULL DEFAULT '{}'::jsonb,
    tags        text[] COLLATE "C" NOT NULL DEFAULT '{}',
    owner       text COLLATE "C",
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    deleted_at  timestamptz,
    created_by  text COLLATE "C" NOT NULL,
    updated_by  text COLLATE "C" NOT NULL,
    CONSTRAINT metastore_records_key_unique UNIQUE (key),
    CONSTRAINT metastore_records_key_shape CHECK (position('/' IN key) > 1),
    CONSTRAINT metastore_records_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT metastore_records_version_positive CHECK (version > 0)
);

-- The unique constraint's B-tree on key (C collation) serves equality, key prefixes (as ranges) and the
-- default key order with keyset paging.
-- jsonb_ops (not jsonb_path_ops) so that one index serves containment (@>), key existence (?) and jsonpath (@?).
ALTER SEQUENCE metastore_records_id_seq OWNED BY metastore_records.id;

CREATE INDEX metastore_records_metadata_gin ON metastore_records USING gin (metadata);
CREATE INDEX metastore_records_tags_gin ON metastore_records USING gin (tags);
CREATE INDEX metastore_records_updated_at ON metastore_records (updated_at, key);
CREATE INDEX metastore_records_namespace_key ON metastore_records (namespace, key);
