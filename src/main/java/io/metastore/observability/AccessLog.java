package io.metastore.observability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import java.util.logging.Logger;

/**
 * One line per answered request, written through java.util.logging so that Liberty files it with its own messages
 * (as JSON when the server logs JSON). The message itself is a compact JSON object: it stays machine-parseable in
 * either log format, and Jackson escapes every value, so no field can break the line or forge another one. It holds
 * identifiers and timings only: never a body, a metadata value or a token.
 */
final class AccessLog {

    static final String LOGGER = "io.metastore.access";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private AccessLog() {
    }

    /** @param durationMs null when the container answered before the application could start the clock */
    record Entry(String requestId, String principal, String namespace, String route, String method, int status,
                 Double durationMs) {
    }

    static void write(Entry entry) {
        if (!LOG.isLoggable(java.util.logging.Level.INFO)) {
            return;
        }
        ObjectNode line = Json.MAPPER.createObjectNode()
                .put("requestId", entry.requestId())
                .put("principal", entry.principal())
                .put("namespace", entry.namespace())
                .put("route", entry.route())
                .put("method", entry.method())
                .put("status", entry.status())
                .put("durationMs", entry.durationMs());
        LOG.info(line.toString());
    }
}
