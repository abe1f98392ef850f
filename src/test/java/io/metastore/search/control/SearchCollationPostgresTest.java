package io.metastore.search.control;

import static io.metastore.search.control.SearchSemanticsPostgresTest.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.platform.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * String order and prefixes are code-point order even in a database whose default collation is linguistic (ICU root),
 * where 'a' < 'A' < 'ab' < 'b' < 'B' < 'Z'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchCollationPostgresTest {

    private static final List<String> CODE_POINT_ORDER = List.of("A", "B", "Z", "a", "ab", "b", "é", "日");

    private TestDatabase db;

    @BeforeAll
    void createDatabase() throws Exception {
        db = TestDatabase.create("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'");
        for (String name : List.of("b", "é", "ab", "Z", "日", "a", "B", "A")) {
            db.insert("c/" + name, Json.write(Json.MAPPER.createObjectNode().put("name", name)));
        }
    }

    @AfterAll
    void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void theDatabaseCollationIsLinguistic() throws Exception {
        try (Connection connection = db.connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT 'a' < 'Z', 'ab' < 'B'")) {
            row.next();
            assertTrue(row.getBoolean(1) && row.getBoolean(2), "the test needs a collation that is not byte order");
        }
    }

    @Test
    void keysAndMetadataStringsSortByCodePoint() throws Exception {
        List<String> expected = CODE_POINT_ORDER.stream().map(n -> "c/" + n).toList();
        assertEquals(expected, keys(db.search("{}")));
        assertEquals(expected, keys(db.search("{\"sort\": [{\"field\": \"metadata.name\"}]}")));
        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertEquals(reversed, keys(db.search("{\"sort\": [{\"field\": \"metadata.name\", "
                + "\"direction\": \"desc\"}]}")));
    }

    @Test
    void prefixesAndRangesAreCodePointRanges() throws Exception {
        assertEquals(List.of("c/a", "c/ab"), keys(db.search(filter("key", "starts_with", "c/a"))));
        assertEquals(List.of("c/a", "c/ab"), keys(db.search(filter("metadata.name", "starts_with", "a"))));
        assertEquals(List.of("c/A", "c/B", "c/Z", "c/a", "c/ab"), keys(db.search(filter("metadata.name", "lt", "b"))));
        assertEquals(List.of("c/A", "c/B", "c/Z"), keys(db.search(filter("key", "lt", "c/a"))));
    }

    @Test
    void pagingFollowsCodePointOrder() throws Exception {
        String request = "{\"sort\": [{\"field\": \"metadata.name\", \"direction\": \"desc\"}], \"limit\": 3%s}";
        SearchPage first = db.search(request.formatted(""));
        SearchPage second = db.search(request.formatted(", \"cursor\": \"" + first.nextCursor() + "\""));
        assertEquals(List.of("c/ab", "c/a", "c/Z"), keys(second));
    }

    private static String filter(String field, String op, String value) {
        return "{\"filter\": {\"field\": \"" + field + "\", \"op\": \"" + op + "\", \"value\": \"" + value + "\"}}";
    }
}
