package io.metastore.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id that ties a request's access line to the caller's own logs. A caller's {@code X-Request-Id} is kept when it
 * is short printable ASCII, so it can be echoed and logged without letting a client forge log lines or bloat them;
 * anything else is replaced by a fresh random (version 4) UUID. Its bits come from {@link ThreadLocalRandom}: an id
 * only has to be unique, not unguessable, and {@code UUID.randomUUID} draws from one shared {@code SecureRandom}, which
 * requests queue on.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 128;

    private RequestId() {
    }

    public static String accept(String offered) {
        return isSane(offered) ? offered : fresh();
    }

    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long version4 = random.nextLong() & ~0xF000L | 0x4000L;
        long ietfVariant = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(version4, ietfVariant).toString();
    }

    static boolean isSane(String offered) {
        return offered != null && !offered.isEmpty() && offered.length() <= MAX_LENGTH
                && offered.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
