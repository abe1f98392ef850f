package io.metastore.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client following the change feed as API.md tells one to: it takes the cursor of now, then reads on from each
 * answer's cursor with a small limit and a long-poll wait, keeping every item in the order received. A 503 or no answer
 * (the database or the server away) is retried with the same cursor. {@link #drain} stops it once an answer to a call
 * made after the drain began is empty: by then every write acknowledged before the drain has been read.
 */
public final class FeedConsumer {

    private final Api api;
    private final String query;
    private final List<JsonNode> seen = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final AtomicLong drainFrom = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger unavailable = new AtomicInteger();
    private final int limit;
    private final int waitSeconds;
    private final Thread thread;
    private String cursor;

    private FeedConsumer(Api api, String query, int limit, int waitSeconds) {
        this.api = api;
        this.query = query;
        this.limit = limit;
        this.waitSeconds = waitSeconds;
        Api.Reply now = api.get("changes" + (query.isEmpty() ? "" : "?" + query));
        if (now.status() != 200 || now.json().path("items").size() != 0) {
            throw new AssertionError("the cursor of now: " + now);
        }
        cursor = now.json().path("cursor").asText();
        thread = new Thread(this::follow, "feed-consumer");
    }

    /** Takes the cursor of now (before returning), then follows from it in a thread of its own. */
    public static FeedConsumer start(Api api, int limit, int waitSeconds, String... namespaces) {
        String narrowed = namespaces.length == 0 ? "" : "namespace=" + String.join(",", namespaces);
        FeedConsumer consumer = new FeedConsumer(api, narrowed, limit, waitSeconds);
        consumer.thread.setDaemon(true);
        consumer.thread.start();
        return consumer;
    }

    private void follow() {
        while (true) {
            long sent = System.nanoTime();
            Api.Reply reply;
            try {
                reply = api.get("changes?since=" + cursor + "&limit=" + limit + "&wait=" + waitSeconds
                        + (query.isEmpty() ? "" : "&" + query));
            } catch (IllegalStateException noAnswer) {
                unavailable.incrementAndGet();
                pause();
                continue;
            }
            if (reply.status() == 503) {
                unavailable.incrementAndGet();
                pause();
                continue;
            }
            if (reply.status() != 200) {
                synchronized (this) {
                    failures.add(reply.toString());
                }
                return;
            }
            JsonNode items = reply.json().path("items");
            synchronized (this) {
                items.forEach(seen::add);
            }
            if (items.size() > limit) {
                synchronized (this) {
                    failures.add("more items than the limit: " + reply);
                }
                return;
            }
            cursor = reply.json().path("cursor").asText();
            if (items.isEmpty() && sent > drainFrom.get()) {
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads until caught up with every write acknowledged so far, then answers every item received, in order. */
    public List<JsonNode> drain(Duration within) throws InterruptedException {
        drainFrom.set(System.nanoTime());
        thread.join(within.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError("the consumer did not catch up within " + within);
        }
        synchronized (this) {
            if (!failures.isEmpty()) {
                throw new AssertionError("the feed answered otherwise: " + failures);
            }
            return List.copyOf(seen);
        }
    }

    /** How many calls found the service or its database away and were retried. */
    public int unavailableAnswers() {
        return unavailable.get();
    }

    /** Waits until this many items were received, or the time is up. */
    public boolean awaitItems(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (seen.size() >= count) {
                    return true;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }
}
