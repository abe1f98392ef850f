package io.metastore.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The test server's messages.log, read as the text an operator's log shipper would see. Liberty writes it
 * asynchronously, so lookups poll for a while instead of reading once.
 */
public final class ServerLog {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private ServerLog() {
    }

    public static Path file() {
        TargetServer.requireOwnServer("the test server's log files");
        String serverDir = System.getProperty("metastore.test.server.dir");
        if (serverDir == null) {
            throw new IllegalStateException("Run the integration tests through mvn verify (metastore.test.server.dir)");
        }
        return Path.of(serverDir, "logs", "messages.log");
    }

    /** Every file under the server's logs directory (messages.log, trace.log, ffdc/...), as an operator ships them. */
    public static Set<Path> allFiles() {
        try (Stream<Path> files = Files.walk(file().getParent())) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + file().getParent(), e);
        }
    }

    /** The incident reports Liberty's first-failure data capture wrote (logs/ffdc). */
    public static Set<Path> ffdcFiles() {
        Path ffdc = file().resolveSibling("ffdc");
        return allFiles().stream().filter(path -> path.startsWith(ffdc)).collect(Collectors.toSet());
    }

    /** A log file's text, undecodable bytes replaced: FFDC files may hold any bytes. */
    public static String text(Path logFile) {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + logFile, e);
        }
    }

    public static String text() {
        try {
            return Files.readString(file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file(), e);
        }
    }

    public static List<String> lines() {
        return text().lines().toList();
    }

    /** The first line that matches, waiting until Liberty has written it; empty when it never appears. */
    public static Optional<String> await(Predicate<String> wanted) {
        Instant deadline = Instant.now().plus(PATIENCE);
        do {
            Optional<String> line = lines().stream().filter(wanted).findFirst();
            if (line.isPresent()) {
                return line;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        return Optional.empty();
    }

    /** Waits until more lines than {@code before} contain {@code text}. */
    public static boolean awaitMore(String text, long before) {
        Instant deadline = Instant.now().plus(PATIENCE);
        do {
            if (count(text) > before) {
                return true;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    public static long count(String text) {
        return lines().stream().filter(line -> line.contains(text)).count();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
