package io.metastore.it;

import static io.metastore.it.support.Problems.assertClientProblem;
import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.indexes.control.IndexDeclaration;
import io.metastore.indexes.control.IndexDefinition;
import io.metastore.indexes.control.IndexState;
import io.metastore.indexes.control.IndexType;
import io.metastore.it.support.Api;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Declared indexes on the real server: the calls and their grants, refusals that leave nothing behind in PostgreSQL,
 * builds that never block writes, and a state that does not lie when a build is interrupted, an index disappears or
 * another session holds the build.
 */
class IndexesIT extends ServiceIT {

    /** Longer than the builder's sweep interval (30 s), so a resumed build has its chance. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String ACCURACY = "{\"field\": \"metadata.metrics.accuracy\", \"type\": \"number\"}";
    /** The first key of the builder's advisory lock (IndexBuilder.BUILD_LOCK). */
    private static final int BUILD_LOCK = 0x4d534958;

    private Api admin;

    @BeforeEach
    void declareAsAdmin() {
        admin = api.as(Tokens.token("alice", ns + ":admin"));
        for (int i = 0; i < 30; i++) {
            assertEquals(201, api.put("records/" + ns + "/m" + i, "{\"metadata\": {\"metrics\": {\"accuracy\": "
                    + (i % 7) / 10.0 + "}, \"stage\": \"s" + (i % 3) + "\"}}").status());
        }
    }

    @Test
    void declaresBuildsListsAndDeletes() {
        Api.Reply declared = admin.put(path("by-accuracy"), ACCURACY);
        assertEquals(202, declared.status(), declared::toString);
        JsonNode body = declared.json();
        assertEquals(ns, body.path("namespace").asText());
        assertEquals("by-accuracy", body.path("name").asText());
        assertEquals("metadata.metrics.accuracy", body.path("field").asText());
        assertEquals("number", body.path("type").asText());
        assertEquals("building", body.path("state").asText());
        assertEquals("alice", body.path("createdBy").asText());
        assertFalse(body.has("error"));

        JsonNode ready = awaitState("by-accuracy", "ready");
        assertEquals(body.path("createdAt").asText(), ready.path("createdAt").asText());
        assertTrue(indexDefinition(indexName("by-accuracy", "metadata.metrics.accuracy", IndexType.NUMBER))
                .contains("WHERE (namespace = '" + ns + "'::text)"));

        Api.Reply again = admin.put(path("by-accuracy"), ACCURACY);
        assertEquals(200, again.status(), again::toString);
        assertEquals("ready", again.json().path("state").asText());

        assertEquals(202, admin.put(path("a-stage"), "{\"type\": \"string\", \"field\": \"metadata.stage\"}")
                .status());
        JsonNode list = api.get("indexes/" + ns).json();
        assertEquals(List.of("a-stage", "by-accuracy"), list.path("items").findValuesAsText("name"));

        // a search sorted by the indexed field answers as before
        Api.Reply search = api.post("records/search", "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", "
                + "\"value\": \"" + ns + "\"}, \"sort\": [{\"field\": \"metadata.metrics.accuracy\", \"direction\": "
                + "\"desc\"}], \"limit\": 3}");
        assertEquals(List.of(ns + "/m13", ns + "/m20", ns + "/m27"), search.json().path("items")
                .findValuesAsText("key"));

        assertEquals(204, admin.delete(path("by-accuracy")).status());
        assertProblem(404, api.get(path("by-accuracy")));
        assertProblem(404, admin.delete(path("by-accuracy")));
        String dropped = indexName("by-accuracy", "metadata.metrics.accuracy", IndexType.NUMBER);
        await(() -> indexValidity(dropped).isEmpty(), "the deleted declaration's index is dropped");
        assertEquals(List.of("a-stage"), api.get("indexes/" + ns).json().path("items").findValuesAsText("name"));
    }

    @Test
    void writingNeedsAdminAndReadingNeedsRead() {
        Api writer = api;
        Api reader = api.as(Tokens.token("reader", ns + ":read"));
        Api stranger = api.as(Tokens.token("mallory", "other:admin"));
        assertProblem(403, writer.put(path("x"), ACCURACY));
        assertProblem(403, reader.put(path("x"), ACCURACY));
        assertProblem(403, stranger.put(path("x"), ACCURACY));
        assertEquals(List.of(), declarations());
        assertEquals(202, api.as(Tokens.token("ops", "*:admin")).put(path("x"), ACCURACY).status());
        assertEquals(200, reader.get(path("x")).status());
        assertEquals(200, writer.get("indexes/" + ns).status());
        assertProblem(403, stranger.get(path("x")));
        assertProblem(403, stranger.get("indexes/" + ns));
        assertProblem(403, writer.delete(path("x")));
        assertProblem(403, stranger.delete(path("x")));
        assertEquals(List.of("x"), declarations());
        assertProblem(401, new Api(base, null).get("indexes/" + ns));
    }

    @Test
    void badDeclarationsAre4xxAndLeaveNothingBehind() {
        List<String[]> refused = List.of(
                new String[]{"x", "{\"field\": \"metadata.a\", \"type\": \"boolean\"}", "type"},
                new String[]{"x", "{\"field\": \"metadata.a\"}", "type"},
                new String[]{"x", "{\"field\": \"size\", \"type\": \"number\"}", "field"},
                new String[]{"x", "{\"field\": \"metadata\", \"type\": \"number\"}", "field"},
                new String[]{"x", "{\"field\": \"metadata.a'; DROP TABLE x; --\", \"type\": \"number\"}", "field"},
                new String[]{"x", "{\"field\": 7, \"type\": \"number\"}", "field"},
                new String[]{"x", "{\"field\": \"metadata.a\", \"type\": \"number\", \"unique\": true}", "unique"},
                new String[]{"x", "[]", ""},
                new String[]{"a%2Fb", ACCURACY, "name"},
                new String[]{"x%20y", ACCURACY, "name"});
        for (String[] request : refused) {
            Api.Reply reply = admin.put(path(request[0]), request[1]);
            JsonNode problem = assertClientProblem(reply);
            if (!request[2].isEmpty()) {
                assertTrue(reply.errorPaths().contains(request[2]), () -> reply + " names " + request[2]);
            }
            assertEquals(400, problem.path("status").asInt(), reply::toString);
        }
        assertProblem(400, api.as(Tokens.token("x", "*:admin")).put("indexes/Not_A_Namespace/x", ACCURACY));
        assertClientProblem(admin.send("PUT", path("x"), "text/plain", ACCURACY));
        assertEquals(List.of(), declarations());
        // the builder builds declarations only; and none of the refused ones left an index under its name
        for (String field : List.of("metadata.a", "metadata.metrics.accuracy")) {
            assertEquals(List.of(), indexValidity(indexName("x", field, IndexType.NUMBER)));
        }
    }

    @Test
    void conflictsAreRefusedAndChangeNothing() {
        assertEquals(202, admin.put(path("by-accuracy"), ACCURACY).status());
        assertProblem(409, admin.put(path("by-accuracy"), "{\"field\": \"metadata.metrics.accuracy\", "
                + "\"type\": \"string\"}"));
        assertProblem(409, admin.put(path("same-field"), ACCURACY));
        for (int i = 1; i < 10; i++) {
            assertEquals(202, admin.put(path("i" + i), "{\"field\": \"metadata.f" + i + "\", \"type\": \"number\"}")
                    .status());
        }
        List<String> ten = declarations();
        assertEquals(10, ten.size());
        JsonNode tooMany = assertProblem(409, admin.put(path("eleventh"), "{\"field\": \"metadata.f11\", "
                + "\"type\": \"number\"}"));
        assertTrue(tooMany.path("detail").asText().contains("metastore.indexes.max-per-namespace"));
        assertEquals(ten, declarations());
        assertEquals(List.of(), indexValidity(indexName("eleventh", "metadata.f11", IndexType.NUMBER)));
        assertEquals("number", api.get(path("by-accuracy")).json().path("type").asText());
    }

    /** Records written while the index builds all succeed: CREATE INDEX CONCURRENTLY takes no lock writes wait for. */
    @Test
    void buildingNeverBlocksWrites() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Integer>>> written = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                written.add(writers.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                        statuses.add(api.put("records/" + ns + "/w" + writer + "-" + i, "{\"metadata\": {\"metrics\": "
                                + "{\"accuracy\": " + i + "}}}").status());
                    }
                    return statuses;
                }));
            }
            assertEquals(202, admin.put(path("by-accuracy"), ACCURACY).status());
            for (Future<List<Integer>> statuses : written) {
                assertTrue(statuses.get().stream().allMatch(status -> status == 201), statuses.get()::toString);
            }
        } finally {
            writers.shutdownNow();
        }
        awaitState("by-accuracy", "ready");
        JsonNode page = api.post("records/search", "{\"filter\": {\"and\": [{\"field\": \"namespace\", \"op\": "
                + "\"eq\", \"value\": \"" + ns + "\"}, {\"field\": \"metadata.metrics.accuracy\", \"op\": \"gte\", "
                + "\"value\": 59}]}, \"count\": true}").json();
        assertEquals(4, page.path("total").asInt(), "records written during the build are found through it");
    }

    /**
     * A crash in the middle of a build leaves the declaration building and an INVALID index of its name: the builder
     * drops that index and builds it again. An index dropped behind the service's back reopens its ready declaration.
     */
    @Test
    void anInterruptedBuildIsResumedAndALostIndexRebuilt() throws Exception {
        assertEquals(202, admin.put(path("by-accuracy"), ACCURACY).status());
        awaitState("by-accuracy", "ready");
        String name = indexName("by-accuracy", "metadata.metrics.accuracy", IndexType.NUMBER);
        try (Connection connection = Rows.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP INDEX metastore.\"" + name + "\"");
            // what an interrupted CREATE INDEX CONCURRENTLY leaves: an INVALID index (here a unique one that failed)
            try {
                sql.execute("CREATE UNIQUE INDEX CONCURRENTLY \"" + name + "\" ON metastore.metastore_records ((1))");
            } catch (java.sql.SQLException expected) {
                // duplicate key: the index stays, INVALID
            }
            assertEquals(List.of("false"), indexValidity(name));
            sql.execute("UPDATE metastore.metastore_index_declarations SET state = 'building' WHERE index_name = '"
                    + name + "'");
        }
        awaitState("by-accuracy", "ready");
        assertEquals(List.of("true"), indexValidity(name));
        assertTrue(indexDefinition(name).contains("numeric"), indexDefinition(name));

        try (Connection connection = Rows.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP INDEX metastore.\"" + name + "\"");
        }
        await(() -> indexValidity(name).equals(List.of("true")) && state("by-accuracy").equals("ready"),
                "the lost index is rebuilt and its declaration ready again");
    }

    /** While another session holds the build (another instance), this one never builds; once released, it does. */
    @Test
    void onlyTheHolderOfTheBuildLockBuilds() throws Exception {
        String name = indexName("held", "metadata.metrics.accuracy", IndexType.NUMBER);
        try (Connection other = Rows.connect()) {
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, BUILD_LOCK);
                lock.setInt(2, name.hashCode());
                lock.execute();
            }
            assertEquals(202, admin.put(path("held"), ACCURACY).status());
            Thread.sleep(3_000);
            assertEquals("building", state("held"));
            assertEquals(List.of(), indexValidity(name), "nobody builds while another session holds the lock");
        }
        awaitState("held", "ready");
    }

    @Test
    void metricsCountIndexesByStateAndTimeBuilds() {
        assertEquals(202, admin.put(path("by-accuracy"), ACCURACY).status());
        awaitState("by-accuracy", "ready");
        await(() -> server().get("metrics").body().lines()
                .anyMatch(line -> line.startsWith("metastore_indexes{") && line.contains("state=\"ready\"")
                        && !line.endsWith(" 0.0") && !line.endsWith(" 0")), "the ready gauge counts the index");
        assertTrue(server().get("metrics").body().contains("metastore_index_build_duration_seconds_count{"));
    }

    private String path(String name) {
        return "indexes/" + ns + "/" + name;
    }

    private String indexName(String name, String field, IndexType type) {
        return new IndexDeclaration(ns, name, new IndexDefinition(IndexDefinition.parseField(field, "field"), type),
                IndexState.BUILDING, null, Instant.EPOCH, "x").indexName();
    }

    private String state(String name) {
        return api.get(path(name)).json().path("state").asText();
    }

    private JsonNode awaitState(String name, String state) {
        await(() -> state(name).equals(state), name + " reaches " + state);
        return api.get(path(name)).json();
    }

    private static void await(Supplier<Boolean> condition, String what) {
        Instant end = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("waited " + PATIENCE + " in vain: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<String> declarations() {
        return Rows.strings("SELECT name FROM metastore.metastore_index_declarations WHERE namespace = ? ORDER BY name",
                ns);
    }

    private static List<String> indexValidity(String name) {
        return Rows.strings("SELECT i.indisvalid::text FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'metastore' AND c.relname = ?",
                name);
    }

    private static String indexDefinition(String name) {
        return Rows.strings("SELECT pg_get_indexdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                + "c.relnamespace WHERE n.nspname = 'metastore' AND c.relname = ?", name).get(0);
    }
}
