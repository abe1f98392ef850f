package io.metastore.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database timeouts the test servers run with, as liberty/metastore.xml sets them (an environment variable of the
 * same name overrides a Liberty variable, for the servers the tests start as for these values), so that tests derive
 * their waits from the configuration instead of repeating its numbers.
 */
public final class ConfiguredTimeouts {

    private static final Path SERVER_FRAGMENT = Path.of("liberty/metastore.xml");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private ConfiguredTimeouts() {
    }

    /** How long a request waits for a pooled connection ({@code METASTORE_DB_POOL_WAIT}). */
    public static Duration poolWait() {
        return duration("METASTORE_DB_POOL_WAIT");
    }

    /** How long opening a database connection may take, connect and login ({@code ..._CONNECT_TIMEOUT_SECONDS}). */
    public static Duration connectTimeout() {
        return Duration.ofSeconds(Long.parseLong(variable("METASTORE_DB_CONNECT_TIMEOUT_SECONDS")));
    }

    /**
     * The longest a request may take while the database is away: it waits for a pooled connection, then the pool
     * opens one, which fails within the connect timeout.
     */
    public static Duration unavailableAnswer() {
        return poolWait().plus(connectTimeout());
    }

    private static Duration duration(String name) {
        String value = variable(name);
        Matcher parts = DURATION.matcher(value);
        if (!parts.matches()) {
            throw new IllegalStateException(name + " is not a duration this test understands: " + value);
        }
        long amount = Long.parseLong(parts.group(1));
        return switch (parts.group(2) == null ? "s" : parts.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static String variable(String name) {
        String override = System.getenv(name);
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        try {
            Matcher declared = Pattern.compile("<variable name=\"" + Pattern.quote(name) + "\" defaultValue=\"([^\"]*)\"")
                    .matcher(Files.readString(SERVER_FRAGMENT));
            if (!declared.find()) {
                throw new IllegalStateException(SERVER_FRAGMENT + " declares no variable " + name);
            }
            return declared.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SERVER_FRAGMENT, e);
        }
    }
}
