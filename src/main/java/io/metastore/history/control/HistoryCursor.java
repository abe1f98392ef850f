package io.metastore.history.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque paging token of a key's history: base64url JSON naming the key and the version the next page starts
 * below. Versions are bound as parameters, so a forged cursor can only move where a page starts; one issued for another
 * key answers 400.
 */
record HistoryCursor(String key, long below) {

    private static final String INVALID = "not a history cursor of this key, or damaged";

    String encode() {
        String json = Json.write(Json.MAPPER.createObjectNode().put("k", key).put("b", below));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static HistoryCursor decode(String token, String key) {
        try {
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            JsonNode below = json.path("b");
            if (!key.equals(json.path("k").asText(null)) || !below.canConvertToLong() || !below.isIntegralNumber()
                    || below.asLong() < 1) {
                throw Failure.invalid("cursor", INVALID);
            }
            return new HistoryCursor(key, below.asLong());
        } catch (IOException | IllegalArgumentException e) {
            throw Failure.invalid("cursor", INVALID);
        }
    }
}
