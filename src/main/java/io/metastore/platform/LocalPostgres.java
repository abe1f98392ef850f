package io.metastore.platform;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL that names one server on this machine's loopback interface, where a development PostgreSQL
 * may be started ({@link DevelopmentPostgres}); any other server (another host, several hosts) is someone else's to
 * start.
 */
public record LocalPostgres(int port) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://(\\[[^\\]]*\\]|[^:/?,\\[]*)(?::(\\d+))?/.*");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "");
    private static final int DEFAULT_PORT = 5432;

    public static Optional<LocalPostgres> of(String jdbcUrl) {
        Matcher url = URL.matcher(jdbcUrl.strip());
        if (!url.matches() || !LOOPBACK.contains(url.group(1).toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(new LocalPostgres(url.group(2) == null ? DEFAULT_PORT : Integer.parseInt(url.group(2))));
    }
}
