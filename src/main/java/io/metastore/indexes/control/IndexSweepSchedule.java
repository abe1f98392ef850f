package io.metastore.indexes.control;

import io.metastore.platform.SchemaMigration;
import io.metastore.platform.ServiceSwitch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Wakes the {@link IndexBuilder} at start and every {@link #INTERVAL} after, once the schema is migrated: so a build
 * that a restart interrupted here, or that another instance left when it ended, is resumed without anyone declaring
 * anything. Without a transaction of its own: the builder works outside any.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IndexSweepSchedule {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration FIRST = Duration.ofSeconds(5);

    @Resource
    TimerService timers;

    @Inject
    ServiceSwitch serviceSwitch;

    @Inject
    SchemaMigration migration;

    @Inject
    IndexBuilder builder;

    @PostConstruct
    void schedule() {
        if (serviceSwitch.enabled()) {
            timers.createIntervalTimer(FIRST.toMillis(), INTERVAL.toMillis(), new TimerConfig(null, false));
        }
    }

    @Timeout
    void sweep() {
        if (migration.isMigrated()) {
            builder.wake();
        }
    }
}
