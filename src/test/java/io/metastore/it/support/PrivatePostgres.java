package io.metastore.it.support;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, which it may stop and start at will (the shared one on 127.0.0.1:5432 it must
 * never touch): a throwaway cluster made with the machine's PostgreSQL binaries ({@code initdb}, {@code pg_ctl}) in a
 * temporary directory, listening on a free loopback port only, superuser {@code postgres} with trust authentication.
 * initdb and postgres refuse to run as root, so when the tests run as root (as in CI) the cluster belongs to, and runs
 * as, the OS user {@code postgres}.
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

    private static final String OS_USER_WHEN_ROOT = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final boolean asRoot;
    private final Thread discardOnExit = new Thread(this::discard, "private-postgres-cleanup");
    private boolean discarded;

    private PrivatePostgres(Path binaries, Path directory, int port, boolean asRoot) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** Creates the cluster and starts it; fails with one line saying what is missing when it cannot. */
    public static PrivatePostgres startNew() {
        Path binaries = binaries();
        boolean asRoot = new UnixSystem().getUid() == 0;
        Path directory = temporaryDirectory(asRoot);
        PrivatePostgres postgres = new PrivatePostgres(binaries, directory, LoopbackPort.free(), asRoot);
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
        List<String> asUser = new ArrayList<>();
        if (asRoot) {
            asUser.addAll(List.of("runuser", "-u", OS_USER_WHEN_ROOT, "--"));
        }
        asUser.addAll(command);
        try {
            // output to a file, not a pipe: the server pg_ctl starts outlives the command
            Process process = new ProcessBuilder(asUser).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output().toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + COMMAND_TIMEOUT);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", asUser), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** The first directory holding initdb and pg_ctl: pg_config's, else the newest Debian/Ubuntu version's. */
    private static Path binaries() {
        return Stream.concat(pgConfigBindir().stream(), debianBindirs())
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries (initdb, pg_ctl) in "
                        + "`pg_config --bindir` or " + DEBIAN_VERSIONS + "/*/bin: install the PostgreSQL server"));
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? Optional.of(Path.of(output)) : Optional.empty();
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

    private static Path temporaryDirectory(boolean asRoot) {
        try {
            Path directory = Files.createTempDirectory("metastore-pg-");
            if (asRoot) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                try {
                    Files.setOwner(directory, users.lookupPrincipalByName(OS_USER_WHEN_ROOT));
                } catch (UserPrincipalNotFoundException e) {
                    Directories.delete(directory);
                    throw new IllegalStateException("Running as root, so the private PostgreSQL must run as OS user "
                            + OS_USER_WHEN_ROOT + ", which does not exist");
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the private PostgreSQL", e);
        }
    }
}
