package io.metastore.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private final List<LogRecord> written = new CopyOnWriteArrayList<>();
    private final List<Thread> writers = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            written.add(record);
            writers.add(Thread.currentThread());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(AccessLog.LOGGER);

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void requestsHandTheirLinesToAWriterThreadThatKeepsTheirOrder() throws InterruptedException {
        AccessLog log = new AccessLog();
        log.threads = new PlainThreads();
        for (int i = 0; i < 500; i++) {
            log.write("id-" + i, new AccessLog.Entry("bench", "-", "/records/search", "POST", 200, (double) i));
        }
        for (int waited = 0; written.size() < 500 && waited < 100; waited++) {
            Thread.sleep(50);
        }
        log.stop();
        assertEquals(500, written.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(String.format(Locale.ROOT, "POST /records/search 200 %d.000 ms", i),
                    written.get(i).getMessage());
        }
        assertTrue(writers.stream().noneMatch(Thread.currentThread()::equals), "a request thread wrote its own line");
    }

    @Test
    void withoutAThreadFactoryTheRequestWritesItsOwnLine() {
        AccessLog log = new AccessLog();
        log.write("id", new AccessLog.Entry("-", "-", "unmatched", "GET", 401, null));
        assertEquals(List.of("GET unmatched 401"), written.stream().map(LogRecord::getMessage).toList());
        assertEquals(List.of(Thread.currentThread()), writers);
    }

    private static final class PlainThreads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task);
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }
}
