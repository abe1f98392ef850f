import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for Metastore: runs a named mix of HTTP calls at one or more concurrency levels and prints, per request
 * type, p50/p95/p99 latency, throughput and errors (any non-2xx) as Markdown table rows. JDK classes only, so it runs
 * as {@code java bench/LoadHarness.java ...} (usually through bench/run.sh) with nothing to build or download.
 *
 * <p>Options: --url BASE (default http://127.0.0.1:9081/metastore), --mix search|crud|read|live|upsert|bulk|bulk-load,
 * --concurrency 1,16 (levels run one after another), --duration SECONDS per level (default 20), --warmup SECONDS
 * (default 5, not recorded), --key PEM (default liberty/dev/jwt-private.pem), --requests A,B (search only: which
 * of its request types to issue, default all). bulk-load ignores duration and warm-up: it creates --records N
 * records (default 100000) and stops; its --concurrency is one number of clients (default 4).
 */
public class LoadHarness {

    static final int BULK_SIZE = 1_000;
    /** The cursor is read as a plain JSON string (base64url in practice): the JDK has no JSON parser. */
    static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    final String token;
    /** Keeps keys written by different runs and workers apart, so no two writers contend for a key. */
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    final AtomicLong bulkBatches = new AtomicLong();
    final AtomicLong upserts = new AtomicLong();

    volatile Recorder recorder = new Recorder();

    LoadHarness(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mix = options.getOrDefault("mix", "crud");
        LoadHarness harness = new LoadHarness(options.getOrDefault("url", "http://127.0.0.1:9081/metastore"),
                DevToken.mint(Path.of(options.getOrDefault("key", "liberty/dev/jwt-private.pem"))));
        int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        if (options.containsKey("requests")) {
            harness.searchRequests = new TreeSet<>(List.of(options.get("requests").split(",")));
        }
        if (mix.equals("bulk-load")) {
            System.out.printf("bulk-load against %s%n%n", harness.base);
            harness.bulkLoad(Long.parseLong(options.getOrDefault("records", "100000")),
                    Integer.parseInt(options.getOrDefault("concurrency", "4")));
            return;
        }
        System.out.printf("mix %s against %s, %d s per level after %d s warm-up%n%n",
                mix, harness.base, duration, warmup);
        System.out.println("| mix | concurrency | request | count | errors | p50 ms | p95 ms | p99 ms | req/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String level : options.getOrDefault("concurrency", "1,16").split(",")) {
            int concurrency = Integer.parseInt(level.trim());
            harness.recorder = new Recorder();   // set-up and warm-up calls are not reported
            Workload workload = harness.workload(mix, concurrency);
            harness.run(workload, concurrency, warmup);
            harness.recorder = new Recorder();
            double seconds = harness.run(workload, concurrency, duration);
            harness.recorder.print(mix, concurrency, seconds);
        }
    }

    /** One worker's repeated unit of work; it records its own calls. */
    interface Workload {
        void iterate(int worker, long iteration) throws Exception;
    }

    Workload workload(String mix, int concurrency) throws Exception {
        return switch (mix) {
            case "crud" -> crud(concurrency);
            case "read" -> read();
            case "live" -> this::live;
            case "upsert" -> this::upsert;
            case "search" -> this::search;
            case "bulk" -> this::bulk;
            default -> throw new IllegalArgumentException(
                    "unknown mix " + mix + " (search, crud, read, live, upsert, bulk, bulk-load)");
        };
    }

    /** Runs every worker until the time is up and returns the elapsed seconds. */
    double run(Workload workload, int concurrency, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(start(() -> {
                for (long i = 0; System.nanoTime() < deadline; i++) {
                    try {
                        workload.iterate(worker, i);
                    } catch (Exception e) {
                        recorder.failure("exception", e.toString());
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static Thread start(Runnable body) {
        Thread thread = new Thread(body);
        thread.start();
        return thread;
    }

    // ---- crud: GET, then PUT and PATCH with the ETag just read, on keys created beforehand

    Workload crud(int concurrency) throws Exception {
        // Each worker owns its keys, so If-Match never fails because another worker wrote first.
        int keysPerWorker = 100;
        String prefix = "assets/bench-crud-" + runId + "-c" + concurrency + "-";
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < concurrency * keysPerWorker; i++) {
            operations.add(create(prefix + i));
        }
        for (int from = 0; from < operations.size(); from += BULK_SIZE) {
            Response seeded = send("seed", "POST", "/records/bulk",
                    bulkBody(operations.subList(from, Math.min(from + BULK_SIZE, operations.size()))), null);
            if (seeded.status != 200) {
                throw new IllegalStateException("could not create the crud keys: " + seeded.status + " " + seeded.body);
            }
        }
        return (worker, iteration) -> {
            String key = prefix + (worker + concurrency * (iteration % keysPerWorker));
            Response read = send("get", "GET", "/records/" + key, null, null);
            Response put = send("put", "PUT", "/records/" + key, content(), read.etag);
            send("patch", "PATCH", "/records/" + key,
                    "{\"metadata\":{\"status\":\"archived\",\"retention\":{\"days\":90}},\"owner\":\"team-ml\"}", put.etag);
        };
    }

    // ---- read: GET one of the first 1,000 records of namespace assets (bench/dataset.sh)

    static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    Workload read() throws Exception {
        Response listed = send("list", "POST", "/records/search", """
                {"filter": {"field": "key", "op": "starts_with", "value": "assets/"}, "fields": ["key"], "limit": 1000}""",
                null);
        List<String> keys = new ArrayList<>();
        for (Matcher key = KEY.matcher(listed.body); key.find(); ) {
            keys.add(key.group(1));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("no records in namespace assets: load bench/dataset.sh first");
        }
        return (worker, iteration) -> send("get", "GET",
                "/records/" + keys.get(ThreadLocalRandom.current().nextInt(keys.size())), null, null);
    }

    // ---- live: the server's liveness probe, the cheapest answer Liberty gives: the floor for a GET

    void live(int worker, long iteration) throws Exception {
        send("health-live", "GET", "/../health/live", null, null);
    }

    // ---- upsert: PUT of a key nobody has written, no precondition

    void upsert(int worker, long iteration) throws Exception {
        send("put-new", "PUT", "/records/jobs/bench-upsert-" + runId + "-" + upserts.getAndIncrement(), content(), null);
    }

    // ---- bulk: 1,000 creates of new keys, then 1,000 upserts of those same keys, each one atomic call

    void bulk(int worker, long iteration) throws Exception {
        // numbered across warm-up and measured runs alike, so every create gets a key nobody has used
        String prefix = "jobs/bench-bulk-" + runId + "-" + bulkBatches.getAndIncrement() + "-";
        List<String> creates = new ArrayList<>();
        List<String> upserts = new ArrayList<>();
        for (int i = 0; i < BULK_SIZE; i++) {
            creates.add(create(prefix + i));
            upserts.add("{\"op\":\"upsert\",\"key\":\"" + prefix + i + "\"," + content().substring(1));
        }
        send("bulk-create-1000", "POST", "/records/bulk", bulkBody(creates), null);
        send("bulk-upsert-1000", "POST", "/records/bulk", bulkBody(upserts), null);
    }

    /** Creates {@code records} new records through atomic bulk calls of 1,000 from {@code clients} workers. */
    void bulkLoad(long records, int clients) throws Exception {
        long calls = (records + BULK_SIZE - 1) / BULK_SIZE;
        AtomicLong next = new AtomicLong();
        AtomicLong loaded = new AtomicLong();   // only calls that answered 200 count towards records/s
        String prefix = "datasets/bench-load-" + runId + "-";
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            workers.add(start(() -> {
                for (long call; (call = next.getAndIncrement()) < calls; ) {
                    List<String> creates = new ArrayList<>();
                    for (long i = call * BULK_SIZE; i < Math.min(records, (call + 1) * BULK_SIZE); i++) {
                        creates.add(create(prefix + String.format("%09d", i)));
                    }
                    try {
                        if (send("bulk-create-1000", "POST", "/records/bulk", bulkBody(creates), null).status == 200) {
                            loaded.addAndGet(creates.size());
                        }
                    } catch (Exception e) {
                        recorder.failure("exception", e.toString());
                    }
                }
            }));
        }
        Thread progress = start(() -> reportProgress(loaded, records, start));
        for (Thread t : workers) {
            t.join();
        }
        progress.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("| mix | clients | request | count | errors | p50 ms | p95 ms | p99 ms | req/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        recorder.print("bulk-load", clients, seconds);
        System.out.printf("%nbulk-load: %d of %d records in %.1f s = %.0f records/s with %d clients%n",
                loaded.get(), records, seconds, loaded.get() / seconds, clients);
    }

    /** Every 10 s until interrupted, one line on stderr (stdout keeps the result table clean). */
    private static void reportProgress(AtomicLong loaded, long records, long start) {
        try {
            while (true) {
                Thread.sleep(10_000);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf("bulk-load: %d of %d records (%d %%) after %.0f s, %.0f records/s%n", loaded.get(),
                        records, 100 * loaded.get() / records, seconds, loaded.get() / seconds);
            }
        } catch (InterruptedException finished) {
            // the load is done; the summary follows
        }
    }

    // ---- search: the query shapes of docs/benchmarks.md, over the data of bench/dataset.sh

    static final Map<String, String> SEARCHES = Map.of(
            "search-compound", """
                    {"filter": {"and": [
                      {"field": "key", "op": "starts_with", "value": "assets/"},
                      {"field": "metadata.status", "op": "eq", "value": "active"},
                      {"field": "tags", "op": "array_contains", "value": ["prod"]}]},
                     "limit": 50}""",
            "search-has-key", """
                    {"filter": {"field": "metadata.retention", "op": "has_key", "value": "legalHold"}, "limit": 50}""",
            "search-tags", """
                    {"filter": {"field": "tags", "op": "array_contains", "value": ["pii", "gold"]}, "limit": 50}""",
            "search-range-sort", """
                    {"filter": {"and": [
                      {"field": "namespace", "op": "eq", "value": "models"},
                      {"field": "metadata.metrics.accuracy", "op": "between", "value": [0.9, 0.95]}]},
                     "sort": [{"field": "metadata.size", "direction": "desc"}], "limit": 50}""");
    static final String PAGED_FILTER = """
            "filter": {"and": [
              {"field": "namespace", "op": "eq", "value": "jobs"},
              {"field": "metadata.status", "op": "eq", "value": "failed"}]}, "limit": 100""";

    /** The search requests of the mix: all by default; --requests picks some, since a slow one slows the rest. */
    Set<String> searchRequests = new TreeSet<>(List.of("search-compound", "search-has-key", "search-tags",
            "search-range-sort", "search-page"));

    void search(int worker, long iteration) throws Exception {
        for (String request : searchRequests) {
            if (SEARCHES.containsKey(request)) {
                send(request, "POST", "/records/search", SEARCHES.get(request), null);
            }
        }
        if (!searchRequests.contains("search-page")) {
            return;
        }
        // Follows nextCursor for up to five pages of failed jobs, as a client listing them would.
        String cursor = null;
        for (int page = 0; page < 5; page++) {
            Response response = send("search-page", "POST", "/records/search",
                    "{" + PAGED_FILTER + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"") + "}", null);
            Matcher next = NEXT_CURSOR.matcher(response.body);
            if (!next.find()) {
                break;
            }
            cursor = next.group(1);
        }
    }

    // ---- request bodies

    static String create(String key) {
        return "{\"op\":\"create\",\"key\":\"" + key + "\"," + content().substring(1);
    }

    static String bulkBody(List<String> operations) {
        return "{\"atomic\":true,\"operations\":[" + String.join(",", operations) + "]}";
    }

    /** A record body ({metadata, tags, owner}) of the shape bench/dataset.sql generates. */
    static String content() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String[] teams = {"data", "ml", "platform", "finance", "growth"};
        String team = teams[random.nextInt(teams.length)];
        return String.format("{\"metadata\":{\"size\":%d,\"status\":\"%s\",\"region\":\"eu-west-1\","
                        + "\"owner\":{\"team\":\"%s\"},\"labels\":[\"raw\",\"daily\"],\"createdBy\":\"bench\"},"
                        + "\"tags\":[\"%s\",\"gold\"],\"owner\":\"team-%s\"}",
                random.nextLong(1, 10_000_000_000L), random.nextBoolean() ? "active" : "draft", team,
                random.nextBoolean() ? "prod" : "staging", team);
    }

    // ---- HTTP

    record Response(int status, String etag, String body) {
    }

    Response send(String type, String method, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path).normalize())
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        recorder.record(type, System.nanoTime() - start, response.statusCode(), response.body());
        return new Response(response.statusCode(), response.headers().firstValue("ETag").orElse(null), response.body());
    }

    // ---- measurements

    /** Latencies and failures of one measured level. */
    static class Recorder {
        final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final Set<String> reported = ConcurrentHashMap.newKeySet();

        void record(String type, long nanos, int status, String body) {
            latencies.computeIfAbsent(type, t -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
            if (status < 200 || status > 299) {
                failure(type, status + " " + body);
            }
        }

        void failure(String type, String detail) {
            errors.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
            String status = detail.split(" ", 2)[0];
            if (reported.add(type + " " + status)) {   // each kind of failure once, not once per request
                System.err.println("error in " + type + ": " + detail.substring(0, Math.min(400, detail.length())));
            }
        }

        void print(String mix, int concurrency, double seconds) {
            for (var entry : new TreeMap<>(latencies).entrySet()) {
                long[] sorted = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                long failed = errors.getOrDefault(entry.getKey(), new AtomicLong()).get();
                System.out.printf("| %s | %d | %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", mix, concurrency,
                        entry.getKey(), sorted.length, failed, percentile(sorted, 50), percentile(sorted, 95),
                        percentile(sorted, 99), sorted.length / seconds);
            }
            errors.forEach((type, count) -> {
                if (!latencies.containsKey(type)) {
                    System.out.printf("| %s | %d | %s | 0 | %d | | | | |%n", mix, concurrency, type, count.get());
                }
            });
        }

        /** Nearest-rank percentile in milliseconds. */
        static double percentile(long[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    // ---- tokens and options

    /** Mints the same RS256 tokens as bin/dev-token: issuer metastore-dev, subject bench, every namespace writable. */
    static class DevToken {
        static String mint(Path pem) throws Exception {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----|\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            long now = System.currentTimeMillis() / 1000;
            String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
            String payload = encode(String.format("{\"iss\":\"metastore-dev\",\"sub\":\"bench\",\"upn\":\"bench\","
                    + "\"groups\":[\"*:write\"],\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}", now, now + 86_400, now));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        }

        static String encode(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
