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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** The server's configuration directory. */
    private Path directory;
    private final int port;
    private boolean started;
    /** The Liberty user directory of the regular user's server, or null while it runs as the test JVM's user. */
    private Path regularUserDirectory;
    private Map<String, String> regularUserEnvironment;

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
        return create(name, databaseUrl, database.user(), database.password());
    }

    /** As {@link #create(String, TestDatabase)}, for a database the test does not create (it may not even exist). */
    public static ExtraServer create(String name, String databaseUrl, String user, String password) {
        return layOut(name, databaseUrl, user, password, (template, directory) -> {
            for (String file : List.of("server.xml", "metastore.xml", "standalone.xml", "server.env",
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
        return layOut(name, database.url(), database.user(), database.password(), (template, directory) -> {
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

    private static ExtraServer layOut(String name, String databaseUrl, String user, String password,
                                      Layout layout) {
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
                    String.valueOf(port), databaseUrl, user, password);
            return new ExtraServer(name, directory, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out server " + name, e);
        }
    }

    /**
     * Runs the server as a {@link NonRootUser} from now on, with these environment variables. Liberty keeps the
     * build's user directory (wlp/usr) to its owner, so the server moves, as laid out so far, into a Liberty user
     * directory that user owns, with the shared resources (where the JDBC driver lies).
     */
    public void runAsRegularUser(Map<String, String> environment) {
        regularUserDirectory = NonRootUser.temporaryDirectory(name + "-usr-");
        try {
            copyRecursively(directory, regularUserDirectory.resolve("servers").resolve(name));
            copyRecursively(WLP.resolve("usr/shared"), regularUserDirectory.resolve("shared"));
            NonRootUser.giveToRegularUser(regularUserDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out " + name + " for a regular user", e);
        }
        directory = regularUserDirectory.resolve("servers").resolve(name);
        regularUserEnvironment = new HashMap<>(environment);
        regularUserEnvironment.put("WLP_USER_DIR", regularUserDirectory.toString());
    }

    /** Writes a file into the server directory, e.g. jvm.options, before the server starts. */
    public void writeFile(String fileName, String content) throws IOException {
        Files.writeString(directory.resolve(fileName), content);
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
        return new Api(root(), null).awaitReady(timeout);
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
        if (!awaitLogLines(text, count, COMMAND_TIMEOUT)) {
            throw new IllegalStateException(name + " did not log \"" + text + "\" within " + COMMAND_TIMEOUT);
        }
    }

    /** Waits until messages.log holds at least this many lines containing the text; false when the time is up. */
    public boolean awaitLogLines(String text, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (logLines(text).size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    @Override
    public void close() {
        if (started) {
            run("stop");
            started = false;
        }
        if (regularUserDirectory != null) {
            try {
                Directories.delete(regularUserDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + regularUserDirectory, e);
            }
        }
    }

    private void run(String action) {
        Path script = WLP.resolve("bin/server").toAbsolutePath();
        if (regularUserDirectory != null) {
            NonRootUser.run(List.of(script.toString(), action, name), regularUserDirectory, regularUserEnvironment,
                    regularUserDirectory.resolve(action + ".out"), COMMAND_TIMEOUT);
            return;
        }
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
