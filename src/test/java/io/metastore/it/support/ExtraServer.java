package io.metastore.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A second (third...) Liberty server that a test starts itself, beside the one Arquillian manages: a copy of the test
 * server's configuration, or a shared platform server's, and the packaged WAR, on a free loopback port, pointed at a
 * database of the test's choosing. Arquillian manages a single server, so this is how a test shows several instances
 * sharing one database, or Metastore beside other applications.
 */
public final class ExtraServer implements AutoCloseable {

    private static final Path WLP = Path.of("target/liberty/wlp");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final String CONFIG_UPDATED = "CWWKG0017I";
    private static final String APPLICATION_UPDATED = "CWWKZ0003I: The application ";

    private final String name;
    private final Path directory;
    private final int port;
    private boolean started;

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
        return layOut(name, database, databaseUrl, (template, directory) -> {
            for (String file : List.of("server.xml", "metastore.xml", "server.env",
                    "configDropins/overrides/liberty-plugin-variable-config.xml")) {
                copyIfPresent(template.resolve(file), directory.resolve(file));
            }
            copyRecursively(template.resolve("dev"), directory.resolve("dev"));
        });
    }

    /**
     * Lays out a shared platform server (not started): the given server.xml, which includes Metastore's fragment
     * metastore.xml, with Metastore and the other applications in dropins. Unlike the test server it has no dev/
     * folder, so the development key is nowhere on it. Its HTTP port is {@code ${default.http.port}}.
     */
    public static ExtraServer shared(String name, TestDatabase database, String serverXml,
                                     List<WebArchive> otherApplications) {
        return layOut(name, database, database.url(), (template, directory) -> {
            Files.writeString(directory.resolve("server.xml"), serverXml);
            // server.env holds the default keystore's password: Liberty's MP JWT stays inactive without a keystore
            for (String file : List.of("metastore.xml", "server.env")) {
                copyIfPresent(template.resolve(file), directory.resolve(file));
            }
            for (WebArchive application : otherApplications) {
                application.as(ZipExporter.class).exportTo(directory.resolve("dropins").resolve(application.getName())
                        .toFile());
            }
        });
    }

    private interface Layout {
        void write(Path template, Path directory) throws IOException;
    }

    private static ExtraServer layOut(String name, TestDatabase database, String databaseUrl, Layout layout) {
        TargetServer.requireOwnServer("Liberty servers of its own beside the test server");
        Path template = Path.of(System.getProperty("metastore.test.server.dir",
                "target/liberty/wlp/usr/servers/metastore-it"));
        Path directory = WLP.resolve("usr/servers").resolve(name);
        try {
            Directories.delete(directory);
            Files.createDirectories(directory.resolve("dropins"));
            Files.createDirectories(directory.resolve("configDropins/overrides"));
            layout.write(template, directory);
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
        started = true;
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

    /**
     * Writes a configDropins override, as a server's owner would; once the server runs, waits until it has applied
     * it. The name must sort after {@code metastore-extra-server.xml} to override what that file sets.
     */
    public void configure(String fileName, String xml) throws IOException, InterruptedException {
        int applied = logLines(CONFIG_UPDATED).size();
        Files.writeString(directory.resolve("configDropins/overrides").resolve(fileName), xml);
        if (started) {
            awaitLogLines(CONFIG_UPDATED, applied + 1);
        }
    }

    /** Restarts one application in dropins (it reads its MicroProfile Config again) and waits until it runs. */
    public void restart(String application) throws IOException, InterruptedException {
        int updated = logLines(APPLICATION_UPDATED + application).size();
        Path archive = directory.resolve("dropins").resolve(application + ".war");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        awaitLogLines(APPLICATION_UPDATED + application, updated + 1);
    }

    private void awaitLogLines(String text, int count) throws InterruptedException {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (logLines(text).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not log \"" + text + "\" within " + COMMAND_TIMEOUT);
            }
            Thread.sleep(500);
        }
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

    private static void copyIfPresent(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.copy(from, to);
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
