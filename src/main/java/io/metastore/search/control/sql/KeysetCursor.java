package io.metastore.search.control.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.search.control.query.Filter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The opaque paging token: base64url JSON holding the sort values of the last row returned and a fingerprint of what
 * defines the order and the matching rows (filter, sort, includeDeleted). The values are bound as parameters, so a
 * forged cursor can only shift where a page starts, never change the query.
 */
record KeysetCursor(String fingerprint, List<Object> values) {

    private static final String INVALID = "not a cursor of this search: it was issued for another filter, sort or "
            + "includeDeleted, or it is damaged";

    KeysetCursor {
        // nulls are meaningful (a sort expression that is NULL for the last row), so not List.copyOf
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /**
     * Records spell out every component in {@code toString}, so this text changes whenever the filter, the
     * expanded order or includeDeleted does.
     */
    static String fingerprint(Optional<Filter> filter, List<SortColumn> order, boolean includeDeleted) {
        String canonical = filter + "|" + order + "|" + includeDeleted;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String encode(List<SortColumn> order) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("f", fingerprint);
        ArrayNode encoded = json.putArray("v");
        for (int i = 0; i < order.size(); i++) {
            Object value = values.get(i);
            encoded.add(value == null ? json.nullNode() : order.get(i).type().toJson(value));
        }
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
    }

    /** The cursor's values for this order; a 400 naming {@code cursor} when it belongs to another search. */
    static KeysetCursor decode(String token, List<SortColumn> order, String expectedFingerprint) {
        try {
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            JsonNode encoded = json.path("v");
            if (!expectedFingerprint.equals(json.path("f").asText()) || !encoded.isArray()
                    || encoded.size() != order.size()) {
                throw Failure.invalid("cursor", INVALID);
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                JsonNode value = encoded.get(i);
                values.add(value.isNull() ? null : order.get(i).type().fromJson(value));
            }
            return new KeysetCursor(expectedFingerprint, values);
        } catch (IOException | IllegalArgumentException e) {
            throw Failure.invalid("cursor", INVALID);
        }
    }
}
