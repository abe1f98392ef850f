package io.metastore.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PgBouncer (Debian's package, {@code pgbouncer} on the PATH; .ci/run installs it) in transaction mode on a free
 * loopback port, in front of a test database's server, with its configuration, log and pid file in a temporary
 * directory: started by a test, stopped when it closes. PgBouncer refuses to run as root, so as root it runs as the
 * OS user postgres ({@link NonRootUser}). Trust authentication, as the loopback PostgreSQL the tests use.
 */
public final class PgBouncer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    private final Path directory;
    private final int port;
    private final String user;

    private PgBouncer(Path directory, int port, String user) {
        this.directory = directory;
        this.port = port;
        this.user = user;
    }

    /** Starts one whose pools hold at most {@code poolSize} server connections per database and user. */
    public static PgBouncer start(TestDatabase database, int poolSize) {
        Path directory = NonRootUser.temporaryDirectory("pgbouncer");
        int port = LoopbackPort.free();
        PgBouncer bouncer = new PgBouncer(directory, port, database.user());
        try {
            Files.writeString(directory.resolve("userlist.txt"), "\"" + database.user() + "\" \"\"\n");
            Files.writeString(directory.resolve("pgbouncer.ini"), """
                    [databases]
                    * = host=%s port=%d

                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    admin_users = %s
                    pool_mode = transaction
                    default_pool_size = %d
                    max_client_conn = 500
                    ; pgjdbc sends it at connect; PgBouncer refuses startup parameters it does not know
                    ignore_startup_parameters = extra_float_digits
                    logfile = %s
                    pidfile = %s
                    """.formatted(database.host(), database.port(), port, directory.resolve("userlist.txt"),
                    database.user(), poolSize, directory.resolve("pgbouncer.log"), bouncer.pidFile()));
            int exit = NonRootUser.run(List.of("pgbouncer", "-d", "pgbouncer.ini"), directory, Map.of(),
                    directory.resolve("start.out"), START);
            if (exit != 0 || !bouncer.awaitListening()) {
                throw new IllegalStateException("PgBouncer did not start (exit " + exit + "): "
                        + bouncer.read("start.out") + bouncer.read("pgbouncer.log"));
            }
            return bouncer;
        } catch (IOException e) {
            bouncer.close();
            throw new UncheckedIOException("Cannot lay out PgBouncer in " + directory, e);
        } catch (RuntimeException e) {
            bouncer.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /**
     * A row of the admin console's SHOW command (STATS, POOLS...) for this database, by column name. Read with psql:
     * the console speaks the simple query protocol only, and pgjdbc's connection set-up fails on it.
     */
    public Map<String, String> show(String what, String databaseName) throws IOException, InterruptedException {
        Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", user,
                "-d", "pgbouncer", "-X", "-A", "-F", "\t", "-P", "footer=off", "-c", "SHOW " + what)
                .redirectErrorStream(true).start();
        List<String> lines = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!psql.waitFor(START.toSeconds(), TimeUnit.SECONDS) || psql.exitValue() != 0) {
            throw new IllegalStateException("psql SHOW " + what + " failed: " + lines);
        }
        String[] columns = lines.get(0).split("\t", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\t", -1);
            if (values[0].equals(databaseName)) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < columns.length; i++) {
                    row.put(columns[i], values[i]);
                }
                return row;
            }
        }
        throw new IllegalStateException("SHOW " + what + " has no row for " + databaseName + ": " + lines);
    }

    private Path pidFile() {
        return directory.resolve("pgbouncer.pid");
    }

    private boolean awaitListening() {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                sleep();
            }
        }
        return false;
    }

    private String read(String file) {
        try {
            return Files.exists(directory.resolve(file)) ? Files.readString(directory.resolve(file)) : "";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        String pid = read("pgbouncer.pid").trim();
        if (!pid.isEmpty()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                process.destroy();
                process.onExit().orTimeout(START.toSeconds(), TimeUnit.SECONDS).join();
            });
        }
        try {
            Directories.delete(directory);
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
