package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.metastore.it.support.Api;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP preconditions as RFC 9110 section 13 defines them, which clients' HTTP libraries rely on: If-Match holds when
 * any listed tag matches with strong comparison; If-None-Match: * or a matching tag on a write answers 412 and writes
 * nothing.
 */
class PreconditionsIT extends ServiceIT {

    String key;

    @BeforeEach
    void createAtVersionTwo() {
        key = ns + "/conditional";
        assertEquals(201, api.put("records/" + key, "{\"metadata\":{\"v\":1}}").status());
        assertEquals(200, api.put("records/" + key, "{\"metadata\":{\"v\":2}}").status());
    }

    private void assertUnchanged() {
        Api.Reply read = api.get("records/" + key);
        assertEquals("\"2\"", read.header("ETag"));
        assertEquals(2, read.json().path("metadata").path("v").asInt());
    }

    @Test
    void ifMatchHoldsWhenAnyListedTagMatches() {
        Api.Reply put = api.put("records/" + key, "{\"metadata\":{\"v\":3}}", "If-Match", "\"1\", \"2\", \"5\"");
        assertEquals(200, put.status(), put::toString);
        assertEquals("\"3\"", put.header("ETag"));
        assertEquals(200, api.patch("records/" + key, "{\"owner\":\"x\"}", "If-Match", "\"9\",\"3\"").status());
        assertProblem(412, api.delete("records/" + key, "If-Match", "\"1\", \"2\""));
        assertEquals(204, api.delete("records/" + key, "If-Match", "\"7\", \"4\"").status());
    }

    @Test
    void aWeakTagNeverSatisfiesIfMatch() {
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{\"v\":3}}", "If-Match", "W/\"2\""));
        assertProblem(412, api.patch("records/" + key, "{\"owner\":\"x\"}", "If-Match", "W/\"2\""));
        assertProblem(412, api.delete("records/" + key, "If-Match", "W/\"2\""));
        assertUnchanged();
    }

    @Test
    void ifNoneMatchStarOnAWriteRefusesAnExistingRecord() {
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{\"v\":9}}", "If-None-Match", "*"));
        assertProblem(412, api.patch("records/" + key, "{\"owner\":\"x\"}", "If-None-Match", "*"));
        assertProblem(412, api.delete("records/" + key, "If-None-Match", "*"));
        assertUnchanged();
    }

    @Test
    void ifNoneMatchStarCreatesOnlyWhenTheKeyIsAbsentOrDeleted() {
        Api.Reply created = api.put("records/" + ns + "/fresh", "{\"metadata\":{}}", "If-None-Match", "*");
        assertEquals(201, created.status(), created::toString);
        assertProblem(412, api.put("records/" + ns + "/fresh", "{\"metadata\":{\"lost\":true}}", "If-None-Match", "*"));
        assertEquals("{}", api.get("records/" + ns + "/fresh").json().path("metadata").toString());
        assertEquals(204, api.delete("records/" + ns + "/fresh").status());
        Api.Reply revived = api.put("records/" + ns + "/fresh", "{\"metadata\":{\"again\":1}}", "If-None-Match", "*");
        assertEquals(201, revived.status(), revived::toString);
        assertEquals("\"3\"", revived.header("ETag"));
    }

    @Test
    void aMatchingTagInIfNoneMatchRefusesTheWrite() {
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{\"v\":9}}", "If-None-Match", "\"1\", \"2\""));
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{\"v\":9}}", "If-None-Match", "W/\"2\""));
        assertProblem(412, api.delete("records/" + key, "If-None-Match", "\"2\""));
        assertUnchanged();
        assertEquals(200, api.put("records/" + key, "{\"metadata\":{\"v\":3}}", "If-None-Match", "\"1\"").status());
    }

    @Test
    void refusedConditionalWritesLeaveTheRowAsItWas() {
        List<String> before = Rows.snapshot(key);
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{}}", "If-Match", "\"1\""));
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{}}", "If-None-Match", "*"));
        assertEquals(before, Rows.snapshot(key));
    }
}
