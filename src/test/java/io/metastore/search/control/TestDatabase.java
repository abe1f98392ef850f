package io.metastore.search.control;

import io.metastore.platform.Json;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.sql.CompiledSearch;
import io.metastore.search.control.sql.SearchCompiler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for one test class, on the server the integration tests would choose (METASTORE_TEST_DB_URL,
 * else the local PostgreSQL, else a Testcontainers PostgreSQL: see {@link io.metastore.it.support.TestDatabase}),
 * migrated with the service's Flyway scripts, and dropped with FORCE on close.
 */
final class TestDatabase implements AutoCloseable {

    /** Fixed audit values: the search tests are about metadata, keys and order, not about the clock. */
    static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-27T20:00:00.123456Z");

    private final io.metastore.it.support.TestDatabase database;

    private TestDatabase(io.metastore.it.support.TestDatabase database) {
        this.database = database;
    }

    /** @param createOptions what follows {@code CREATE DATABASE <name>}, e.g. a template and locale */
    static TestDatabase create(String createOptions) {
        io.metastore.it.support.TestDatabase database = io.metastore.it.support.TestDatabase
                .create("metastore_search_test", createOptions);
        Flyway.configure().dataSource(database.url(), database.user(), database.password()).schemas("metastore")
                .defaultSchema("metastore").createSchemas(true).locations("filesystem:db/migration").load().migrate();
        return new TestDatabase(database);
    }

    static TestDatabase create() {
        return create("");
    }

    Connection connect() throws SQLException {
        return database.connect();
    }

    void insert(String key, String metadata, List<String> tags, String owner, OffsetDateTime deletedAt)
            throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO metastore.metastore_records (key, metadata, tags, owner, version, created_at, updated_at,
                                                        deleted_at, created_by, updated_by)
                VALUES (?, CAST(? AS jsonb), ?, ?, 1, ?, ?, ?, 'tester', 'tester')""")) {
            insert.setString(1, key);
            insert.setString(2, metadata);
            insert.setArray(3, connection.createArrayOf("text", tags.toArray()));
            insert.setString(4, owner);
            insert.setObject(5, CREATED);
            insert.setObject(6, CREATED);
            insert.setObject(7, deletedAt);
            insert.executeUpdate();
        }
    }

    void insert(String key, String metadata) throws SQLException {
        insert(key, metadata, List.of(), null, null);
    }

    /** Stores the records exactly as given (audit fields and versions included), in one batch. */
    void insertAll(Collection<RecordSnapshot> records) throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO metastore.metastore_records (key, metadata, tags, owner, version, created_at, updated_at,
                                                        deleted_at, created_by, updated_by)
                VALUES (?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (RecordSnapshot record : records) {
                insert.setString(1, record.key());
                insert.setString(2, Json.write(record.metadata()));
                insert.setArray(3, connection.createArrayOf("text", record.tags().toArray()));
                insert.setString(4, record.owner());
                insert.setLong(5, record.version());
                insert.setObject(6, utc(record.createdAt()));
                insert.setObject(7, utc(record.updatedAt()));
                insert.setObject(8, utc(record.deletedAt()));
                insert.setString(9, record.createdBy());
                insert.setString(10, record.updatedBy());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Parses, compiles and runs a search as the service does, in a transaction of its own. */
    SearchPage search(String request, Optional<Set<String>> readableNamespaces) throws Exception {
        try (Connection connection = connect()) {
            return search(connection, request, readableNamespaces);
        }
    }

    /** The same on an open connection, which it leaves as it found it. */
    static SearchPage search(Connection connection, String request, Optional<Set<String>> readableNamespaces)
            throws Exception {
        CompiledSearch search = new SearchCompiler().compile(new SearchRequestParser().parse(
                Json.MAPPER.readTree(request)), readableNamespaces);
        return run(connection, search);
    }

    /** Runs a compiled search as the service does, in a transaction of its own that it rolls back. */
    static SearchPage run(Connection connection, CompiledSearch search) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return new SearchExecutor("5s").execute(connection, search);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    SearchPage search(String request) throws Exception {
        return search(request, Optional.empty());
    }

    @Override
    public void close() {
        database.drop();
    }
}
