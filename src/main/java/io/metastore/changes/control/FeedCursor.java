package io.metastore.changes.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a feed reader stands: after every transaction a PostgreSQL snapshot ({@code from}) saw committed, taken at
 * {@code takenAt} (database clock, no later than the snapshot). While a reader pages through the transactions a later
 * snapshot added ({@link Delta}), the cursor also holds that snapshot and the position of the last change answered.
 * Opaque to clients: base64url JSON with a format version; anything else answers 400 naming {@code since}. Snapshots
 * and positions are bound as parameters, so a forged cursor can only move where a page starts.
 */
public record FeedCursor(Snapshot from, Instant takenAt, Optional<Delta> delta) {

    private static final int FORMAT = 1;
    private static final String INVALID = "not a change feed cursor, or damaged: take a fresh one (GET /changes "
            + "without since)";

    /** Part of the transactions {@code until} added to {@code from}, answered up to {@code position}. */
    public record Delta(Snapshot until, Instant untilTakenAt, Position position) {
    }

    /** A change's place in the feed: its transaction's rank (the transaction's largest seq), xid, then its own seq. */
    public record Position(long rank, long xid, long seq) {
    }

    static FeedCursor at(Snapshot snapshot, Instant takenAt) {
        return new FeedCursor(snapshot, takenAt, Optional.empty());
    }

    public String encode() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("v", FORMAT).put("s", from.text())
                .put("t", micros(takenAt));
        delta.ifPresent(d -> json.putObject("d").put("s", d.until().text()).put("t", micros(d.untilTakenAt()))
                .put("r", d.position().rank()).put("x", d.position().xid()).put("q", d.position().seq()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent; 400 naming {@code since} when it is not one this service issued. */
    public static FeedCursor decode(String token) {
        try {
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            if (json == null || !json.isObject() || json.path("v").asInt() != FORMAT || !json.path("v").isInt()) {
                throw invalid();
            }
            Snapshot from = snapshot(json.path("s"));
            Instant takenAt = instant(json.path("t"));
            JsonNode d = json.path("d");
            if (d.isMissingNode()) {
                return at(from, takenAt);
            }
            Position position = new Position(natural(d.path("r")), natural(d.path("x")), natural(d.path("q")));
            return new FeedCursor(from, takenAt, Optional.of(new Delta(snapshot(d.path("s")), instant(d.path("t")),
                    position)));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Snapshot snapshot(JsonNode text) {
        return Snapshot.parse(text.isTextual() ? text.asText() : null).orElseThrow(FeedCursor::invalid);
    }

    private static Instant instant(JsonNode micros) {
        return Instant.EPOCH.plus(natural(micros), ChronoUnit.MICROS);
    }

    private static long natural(JsonNode number) {
        if (!number.isIntegralNumber() || !number.canConvertToLong() || number.asLong() < 0) {
            throw invalid();
        }
        return number.asLong();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Failure invalid() {
        return Failure.invalid("since", INVALID);
    }
}
