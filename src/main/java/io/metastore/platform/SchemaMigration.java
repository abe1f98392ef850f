package io.metastore.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings schema {@code metastore} up to date with {@code db/migration} when the application starts. Flyway keeps its
 * own history table inside that schema, so other services' schemas and Flyway histories in the same database are never
 * read or touched. When the database is unreachable at start, the migration is retried every few seconds and
 * readiness stays DOWN until it succeeds, so the service recovers without a restart. The failure is a WARNING (which
 * the console shows) when first seen and when its reason changes; each repetition is an INFO line in messages.log
 * only, so the console is not flooded while the database stays away. In development, {@link DevelopmentPostgres} may
 * start a database instead, and then it says so. With {@link ServiceSwitch} off nothing is migrated at all.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    public static final String SCHEMA = "metastore";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
    private static final long RETRY_MILLIS = 5_000;

    /** METASTORE_DB_MIGRATION_URL: a session of its own, never a transaction-mode pooler's (see metastore.xml). */
    @Resource(lookup = "jdbc/metastore-migration")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    ServiceSwitch serviceSwitch;

    @Inject
    DevelopmentPostgres developmentPostgres;

    private final AtomicBoolean migrated = new AtomicBoolean();
    /** The reason of the last failure logged, to tell a repetition from news. */
    private String lastReason;

    @PostConstruct
    void migrateOnStart() {
        if (!serviceSwitch.enabled()) {
            LOG.info(() -> "Metastore is disabled (" + ServiceSwitch.PROPERTY + "=false): no schema migration, no "
                    + "database connection; its calls answer 503 until it is redeployed with the switch on");
            return;
        }
        attempt();
    }

    @Timeout
    void retry() {
        attempt();
    }

    private void attempt() {
        try {
            var result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(dataSource)
                    .schemas(SCHEMA)
                    .defaultSchema(SCHEMA)
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            migrated.set(true);
            // Flyway leaves the target version null when there was nothing to apply (another instance did it)
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : result.initialSchemaVersion;
            LOG.info(() -> "Schema " + SCHEMA + " is at version " + version
                    + " (" + result.migrationsExecuted + " migrations applied now)");
        } catch (RuntimeException e) {
            if (!developmentPostgres.startIfAbsent()) {
                String reason = rootCause(e);
                LOG.log(reason.equals(lastReason) ? Level.INFO : Level.WARNING, "Metastore cannot migrate its schema ("
                        + reason + "); check METASTORE_DB_URL (or METASTORE_DB_HOST, _PORT, _NAME; "
                        + "METASTORE_DB_MIGRATION_URL when set), METASTORE_DB_USER and METASTORE_DB_PASSWORD. Retrying "
                        + "every " + RETRY_MILLIS / 1000 + " s; /health/ready stays DOWN until then. No PostgreSQL on "
                        + "this machine? See bin/embedded-postgres.");
                lastReason = reason;
            }
            timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig(null, false));
        }
    }

    /** The innermost cause's message, or its class when it has none (a bare "null" tells an operator nothing). */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    }

    @Lock(LockType.READ)
    public boolean isMigrated() {
        return migrated.get();
    }
}
