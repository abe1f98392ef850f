package io.metastore.observability;

import java.util.Map;
import java.util.Set;
import org.jboss.logging.JDKLoggerProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.LoggerProvider;

/**
 * Where Hibernate's log records go: to java.util.logging (and so into Liberty's logs) as JBoss Logging would send
 * them by itself, except that Hibernate's reports of failed SQL statements are demoted to DEBUG. Hibernate logs every
 * failed statement at ERROR before anyone has decided whether it matters, yet most are expected here: a creation race
 * lost at the unique index (retried by the records component), a statement timeout (503). Metastore classifies each
 * failure itself and logs the unexpected ones once, with an incident id; the demoted reports remain available by
 * enabling trace for their loggers (see docs/operations.md).
 * <p>
 * Installed through {@code META-INF/services/org.jboss.logging.LoggerProvider}, which JBoss Logging reads from this
 * application's class loader: the policy applies to the Hibernate inside this WAR only, never to other applications
 * on a shared server.
 */
public final class HibernateLogging implements LoggerProvider {

    /** Loggers whose records describe failures the application classifies and reports itself. */
    static final Set<String> FAILURE_REPORTERS = Set.of(
            "org.hibernate.engine.jdbc.spi.SqlExceptionHelper", // "SQL Error: 0, SQLState: 23505" and the driver text
            "org.hibernate.orm.jdbc.batch"); // HHH100503, a batch abandoned by such a failure

    private final LoggerProvider delegate = new JDKLoggerProvider();

    @Override
    public Logger getLogger(String name) {
        Logger logger = delegate.getLogger(name);
        return FAILURE_REPORTERS.contains(name) ? new Demoted(name, logger) : logger;
    }

    /** Passes every record on at DEBUG, whatever level Hibernate chose. */
    private static final class Demoted extends Logger {

        private final Logger target;

        Demoted(String name, Logger target) {
            super(name);
            this.target = target;
        }

        @Override
        protected void doLog(Level level, String loggerClassName, Object message, Object[] parameters,
                             Throwable thrown) {
            target.log(loggerClassName, Level.DEBUG, message, parameters, thrown);
        }

        @Override
        protected void doLogf(Level level, String loggerClassName, String format, Object[] parameters,
                              Throwable thrown) {
            target.logf(loggerClassName, Level.DEBUG, thrown, format, parameters);
        }

        @Override
        public boolean isEnabled(Level level) {
            return target.isEnabled(Level.DEBUG);
        }
    }

    @Override
    public void clearMdc() {
        delegate.clearMdc();
    }

    @Override
    public Object putMdc(String key, Object value) {
        return delegate.putMdc(key, value);
    }

    @Override
    public Object getMdc(String key) {
        return delegate.getMdc(key);
    }

    @Override
    public void removeMdc(String key) {
        delegate.removeMdc(key);
    }

    @Override
    public Map<String, Object> getMdcMap() {
        return delegate.getMdcMap();
    }

    @Override
    public void clearNdc() {
        delegate.clearNdc();
    }

    @Override
    public String getNdc() {
        return delegate.getNdc();
    }

    @Override
    public int getNdcDepth() {
        return delegate.getNdcDepth();
    }

    @Override
    public String popNdc() {
        return delegate.popNdc();
    }

    @Override
    public String peekNdc() {
        return delegate.peekNdc();
    }

    @Override
    public void pushNdc(String message) {
        delegate.pushNdc(message);
    }

    @Override
    public void setNdcMaxDepth(int maxDepth) {
        delegate.setNdcMaxDepth(maxDepth);
    }
}
