package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.client.ApiClient;
import io.metastore.client.ApiException;
import io.metastore.client.ApiResponse;
import io.metastore.client.api.RecordsApi;
import io.metastore.client.model.Filter;
import io.metastore.client.model.FilterAnd;
import io.metastore.client.model.FilterComparison;
import io.metastore.client.model.Record;
import io.metastore.client.model.RecordCreate;
import io.metastore.client.model.RecordMergePatch;
import io.metastore.client.model.RecordReplace;
import io.metastore.client.model.SearchRequest;
import io.metastore.client.model.SearchResponse;
import io.metastore.it.support.DeclaredResponses;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import io.metastore.platform.Json;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's curl walkthrough, through the Java client the build generates from the OpenAPI document
 * (openapi-generator, target/generated-sources/metastore-client): what the document promises, a client generated from
 * it can do against the real server.
 */
class ClientWalkthroughIT extends ServiceIT {

    @Test
    void theReadmeWalkthroughThroughTheGeneratedClient() throws Exception {
        RecordsApi records = new RecordsApi(client(Tokens.token("alice", ns + ":write")));
        String key = ns + "/asset-123";
        Map<String, Object> metadata = Map.of("size", 1200, "owner", Map.of("team", "data"));
        RecordCreate create = new RecordCreate().key(key).metadata(metadata).tags(Set.of("prod")).owner("team-data");

        // create (201, ETag "1"; the same body again answers 200, a different one 409)
        ApiResponse<Record> created = records.createRecordWithHttpInfo(create, null);
        assertEquals(201, created.getStatusCode());
        assertEquals("\"1\"", header(created, "ETag"));
        assertTrue(header(created, "Location").endsWith("/metastore/records/" + key), created.getHeaders()::toString);
        assertEquals("alice", created.getData().getCreatedBy());
        assertEquals(200, records.createRecordWithHttpInfo(create, null).getStatusCode());
        ApiException conflict = assertThrows(ApiException.class, () -> records.createRecord(
                new RecordCreate().key(key).metadata(Map.of("size", 1)), null));
        assertEquals(409, conflict.getCode());
        assertEquals("urn:metastore:problem:conflict", Json.MAPPER.readTree(conflict.getResponseBody())
                .path("type").asText());

        // read (If-None-Match: "1" answers 304)
        Record read = records.getRecord(key, null, "walkthrough-read");
        assertEquals(metadata, read.getMetadata());
        assertEquals(List.of("prod"), read.getTags());
        assertEquals(304, assertThrows(ApiException.class, () -> records.getRecord(key, "\"1\"", null)).getCode());

        // replace, only if nobody changed it since version 1 (otherwise 412)
        RecordReplace replacement = new RecordReplace().metadata(Map.of("size", 1300, "owner", Map.of("team", "data")))
                .tags(new LinkedHashSet<>(List.of("prod", "pii"))).owner("team-data");
        assertEquals(412, assertThrows(ApiException.class,
                () -> records.replaceRecord(key, replacement, "\"7\"", null, null)).getCode());
        ApiResponse<Record> replaced = records.replaceRecordWithHttpInfo(key, replacement, "\"1\"", null, null);
        assertEquals(200, replaced.getStatusCode());
        assertEquals(2L, replaced.getData().getVersion());

        // merge-patch: remove metadata.owner, add labels; tags and owner are left alone
        Map<String, Object> patch = new HashMap<>();
        patch.put("owner", null);
        patch.put("labels", List.of("gold"));
        Record patched = records.patchRecord(key, new RecordMergePatch().metadata(patch), "\"2\"", null, null);
        assertEquals(Map.of("size", 1300, "labels", List.of("gold")), patched.getMetadata());
        assertEquals(List.of("prod", "pii"), patched.getTags());
        assertEquals("team-data", patched.getOwner());
        assertEquals(3L, patched.getVersion());

        // search
        SearchResponse page = records.searchRecords(new SearchRequest().filter(new Filter(new FilterAnd().and(List.of(
                new Filter(new FilterComparison().field("key").op(FilterComparison.OpEnum.STARTS_WITH).value(ns + "/")),
                new Filter(new FilterComparison().field("tags").op(FilterComparison.OpEnum.ARRAY_CONTAINS)
                        .value(List.of("prod"))))))), null);
        assertEquals(List.of(key), page.getItems().stream().map(Record::getKey).toList());
        assertEquals(3L, page.getItems().get(0).getVersion());

        // soft delete (204); GET now answers 404, a PUT or POST revives the key with a higher version
        ApiResponse<Void> deleted = records.deleteRecordWithHttpInfo(key, null, null, null);
        assertEquals(204, deleted.getStatusCode());
        assertEquals("\"4\"", header(deleted, "ETag"));
        assertEquals(404, assertThrows(ApiException.class, () -> records.getRecord(key, null, null)).getCode());
        ApiResponse<Record> revived = records.createRecordWithHttpInfo(create, null);
        assertEquals(201, revived.getStatusCode());
        assertEquals(5L, revived.getData().getVersion());
        assertNull(revived.getData().getDeletedAt(), "a revived record is live");
    }

    /** The generated client on this server, as the README shows it, plus the tests' check of every answer. */
    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        // HTTP/1.1, as the tests' own client (Api says why)
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
        client.setResponseInterceptor(response -> DeclaredResponses.requireDeclared(response.request().method(),
                response.uri(), response.statusCode(), response.headers().firstValue("Content-Type").orElse(null)));
        return client;
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
