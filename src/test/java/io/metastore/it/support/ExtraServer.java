package io.metastore.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second (third...) Liberty server that a test starts itself, beside the one Arquillian manages: a copy of the test
 * server's configuration and the packaged WAR, on a free loopback port, pointed at a database of the test's choosing.
 * Arquillian manages a single server, so this is how a test shows several instances sharing one database.
 */
public final class ExtraServer implements AutoCloseable {

    private static final Path WLP = Path.of("target/liberty/wlp");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Path directory;
    private final int port;

    private ExtraServer(String name, Path directory, int port) {
        this.name = name;
        this.directory = directory;
        this.port = port;
    }

    /** Lays out the server (not started) from the failsafe run's test server, with its own port and database. */
    public static ExtraServer create(String name, TestDatabase database) {
        return create(name, database, database.url());
    }

    /** As {@link #create(String, TestDatabase)}, reaching the database at another URL (through a relay, say). */
    public static ExtraServer create(String name, TestDatabase database, String databaseUrl) {
        Path template = Path.of(System.getProperty("metastore.test.server.dir",
                "target/liberty/wlp/usr/servers/metastore-it"));
        Path directory = WLP.resolve("usr/servers").resolve(name);
        try {
            Directories.delete(directory);
            Files.createDirectories(directory.resolve("dropins"));
            Files.createDirectories(directory.resolve("configDropins/overrides"));
            for (String file : List.of("server.xml", "metastore.xml", "server.env",
                    "configDropins/overrides/liberty-plugin-variable-config.xml")) {
                if (Files.exists(template.resolve(file))) {
                    Files.copy(template.resolve(file), directory.resolve(file));
                }
            }
            copyRecursively(template.resolve("dev"), directory.resolve("dev"));
            Files.copy(Path.of("target/metastore.war"), directory.resolve("dropins/metastore.war"));
            int port = LoopbackPort.free();
            ServerOverride.write(directory.resolve("configDropins/overrides/metastore-extra-server.xml"),
                    String.valueOf(port), databaseUrl, database);
            return new ExtraServer(name, directory, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out server " + name, e);
        }
    }

    /** Starts the server; returns once Liberty is up (the application may still be starting). */
    public void start() {
        run("start");
    }

    /** The application root, e.g. {@code http://127.0.0.1:PORT/metastore/}. */
    public URL base() {
        return url("/metastore/");
    }

    /** The server root, where /health lives. */
    public URL root() {
        return url("/");
    }

    /** Lines of the server's messages.log containing the text. */
    public List<String> logLines(String text) {
        try (Stream<String> lines = Files.lines(directory.resolve("logs/messages.log"))) {
            return lines.filter(line -> line.contains(text)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Waits until /health/ready answers 200, or the time is up. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Api server = new Api(root(), null);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (server.get("health/ready").status() == 200) {
                    return true;
                }
            } catch (IllegalStateException notListeningYet) {
                // the HTTP endpoint opens after the server process starts
            }
            Thread.sleep(1000);
        }
        return false;
    }

    @Override
    public void close() {
        run("stop");
    }

    private void run(String action) {
        Path script = WLP.resolve("bin/server").toAbsolutePath();
        try {
            Process process = new ProcessBuilder(script.toString(), action, name).inheritIO().start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server " + action + " " + name + " took over " + COMMAND_TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("server " + action + " " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URL url(String path) {
        try {
            return new URL("http://127.0.0.1:" + port + path);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
