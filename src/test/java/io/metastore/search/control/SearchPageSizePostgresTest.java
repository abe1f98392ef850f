package io.metastore.search.control;

import static io.metastore.search.control.SearchSemanticsPostgresTest.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.platform.Json;
import io.metastore.records.control.RecordSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A page ends early, with a cursor, once its items reach 8 MiB (API.md), whatever its limit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPageSizePostgresTest {

    private static final int RECORDS = 12;
    /** Metadata of about 1 MiB: the body limit lets every record be this large. */
    private static final String LARGE = "{\"blob\": \"" + "é".repeat(500_000) + "\"}";

    private TestDatabase db;

    @BeforeAll
    void createLargeRecords() throws Exception {
        db = TestDatabase.create();
        for (int i = 0; i < RECORDS; i++) {
            db.insert("big/r" + (char) ('a' + i), LARGE);
        }
    }

    @AfterAll
    void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void aPageEndsOnceItsItemsReachEightMebibytes() throws Exception {
        SearchPage first = db.search("{\"limit\": 1000}");
        long bytes = first.items().stream().mapToLong(SearchPageSizePostgresTest::metadataBytes).sum();
        long withoutLast = bytes - metadataBytes(first.items().get(first.items().size() - 1));
        assertTrue(bytes >= SearchExecutor.MAX_PAGE_BYTES && withoutLast < SearchExecutor.MAX_PAGE_BYTES,
                first.items().size() + " items of " + bytes + " bytes");
        assertNotNull(first.nextCursor());
        List<String> paged = new ArrayList<>(keys(first));
        SearchPage next = db.search("{\"limit\": 1000, \"cursor\": \"" + first.nextCursor() + "\"}");
        paged.addAll(keys(next));
        assertEquals(null, next.nextCursor());
        assertEquals(IntStream.range(0, RECORDS).mapToObj(i -> "big/r" + (char) ('a' + i)).toList(), paged);
    }

    private static long metadataBytes(RecordSnapshot item) {
        return Json.write(item.metadata()).getBytes(StandardCharsets.UTF_8).length;
    }
}
