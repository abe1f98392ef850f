package io.metastore.observability;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per answered request, written through java.util.logging so that Liberty files it with its own messages.
 * Its fields travel as log-record fields ({@link LogContext}), so that in Liberty's JSON logs they arrive as members of
 * the record ({@code ext_route}, {@code ext_status_int}, ...) that a log shipper indexes without parsing the message;
 * the message repeats the essentials for readers of the plain console. The request id is already a field of every
 * line the request writes ({@link RequestContext}). Identifiers and timings only: never a body, a metadata value, a
 * record name or a token.
 */
final class AccessLog {

    static final String LOGGER = "io.metastore.access";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private AccessLog() {
    }

    /** @param durationMs null when the container answered before the application could start the clock */
    record Entry(String principal, String namespace, String route, String method, int status, Double durationMs) {

        /** Field names as Liberty's JSON logs show them after {@code ext_}; a suffix gives the JSON type. */
        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("principal", principal);
            fields.put("namespace", namespace);
            fields.put("route", route);
            fields.put("method", method);
            fields.put("status_int", Integer.toString(status));
            if (durationMs != null) {
                fields.put("durationMs_float", String.format(Locale.ROOT, "%.3f", durationMs));
            }
            return fields;
        }

        String message() {
            return method + " " + route + " " + status
                    + (durationMs == null ? "" : String.format(Locale.ROOT, " %.3f ms", durationMs));
        }
    }

    static void write(Entry entry) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        Map<String, String> fields = entry.fields();
        fields.forEach(LogContext::put);
        try {
            LOG.info(entry.message());
        } finally {
            fields.keySet().forEach(LogContext::remove);
        }
    }
}
