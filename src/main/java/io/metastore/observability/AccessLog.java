package io.metastore.observability;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per answered request, written through java.util.logging so that Liberty files it with its own messages.
 * Its fields travel as log-record fields ({@link LogContext}), so that in Liberty's JSON logs they arrive as members of
 * the record ({@code ext_requestId}, {@code ext_route}, {@code ext_status_int}, ...) that a log shipper indexes without
 * parsing the message; the message repeats the essentials for readers of the plain console. Identifiers and timings
 * only: never a body, a metadata value, a record name or a token.
 *
 * <p>Lines are written by a thread of their own: Liberty writes each log record under one lock for the whole server,
 * and requests that wrote their own line queued on it (2.9 s blocked in 20 s of 16-client searches). A request hands
 * its line over and goes on; only when {@value #CAPACITY} lines are already waiting does it write its own, so no line
 * is ever dropped. Lines keep their order.
 */
@ApplicationScoped
public class AccessLog {

    static final String LOGGER = "io.metastore.access";
    static final int CAPACITY = 10_000;
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final BlockingQueue<Line> waiting = new ArrayBlockingQueue<>(CAPACITY);
    private volatile Thread writer;

    @Resource
    ManagedThreadFactory threads;

    /** @param durationMs null when the container answered before the application could start the clock */
    record Entry(String principal, String namespace, String route, String method, int status, Double durationMs) {

        /** Field names as Liberty's JSON logs show them after {@code ext_}; a suffix gives the JSON type. */
        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("principal", principal);
            fields.put("namespace", namespace);
            fields.put("route", route);
            fields.put("method", method);
            fields.put("status_int", Integer.toString(status));
            if (durationMs != null) {
                fields.put("durationMs_float", String.format(Locale.ROOT, "%.3f", durationMs));
            }
            return fields;
        }

        String message() {
            return method + " " + route + " " + status
                    + (durationMs == null ? "" : String.format(Locale.ROOT, " %.3f ms", durationMs));
        }
    }

    private record Line(String requestId, Entry entry) {
    }

    void write(String requestId, Entry entry) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        Line line = new Line(requestId, entry);
        if (!started() || !waiting.offer(line)) {
            log(line);
        }
    }

    private boolean started() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null && threads != null) {
                    Thread thread = threads.newThread(this::drain);
                    thread.setName("metastore-access-log");
                    thread.start();
                    writer = thread;
                }
            }
        }
        return writer != null;
    }

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                log(waiting.take());
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is still waiting, so a stopping server keeps every line. */
    @PreDestroy
    void stop() {
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
        for (Line line; (line = waiting.poll()) != null; ) {
            log(line);
        }
    }

    private static void log(Line line) {
        Map<String, String> fields = line.entry().fields();
        LogContext.put(RequestContext.REQUEST_ID_FIELD, line.requestId());
        fields.forEach(LogContext::put);
        try {
            LOG.info(line.entry().message());
        } finally {
            fields.keySet().forEach(LogContext::remove);
            LogContext.remove(RequestContext.REQUEST_ID_FIELD);
        }
    }
}
