package io.metastore.observability;

import java.util.UUID;

/**
 * The id that ties a request's access line to the caller's own logs. A caller's {@code X-Request-Id} is kept when it
 * is short printable ASCII, so it can be echoed and logged without letting a client forge log lines or bloat them;
 * anything else is replaced by a fresh UUID.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 128;

    private RequestId() {
    }

    public static String accept(String offered) {
        return isSane(offered) ? offered : UUID.randomUUID().toString();
    }

    static boolean isSane(String offered) {
        return offered != null && !offered.isEmpty() && offered.length() <= MAX_LENGTH
                && offered.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
