import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Server CPU of the most expensive request each per-request bound of docs/limits.md lets through: sends each case's
 * request RUNS times, one at a time, after as many warm-up sends, and reads the server process's user+system CPU
 * (/proc/PID/stat) before and after. PostgreSQL runs in processes of its own, so the figure is the service's CPU
 * outside PostgreSQL: HTTP, token, parsing and checks, compiling, binding, reading rows, shaping and writing the
 * answer, GC and JIT included. JDK classes only; bench/worst-cases.sh starts the server and runs it.
 * Usage: java bench/WorstCaseCpu.java URL PID TOKEN [RUNS [CASE]]; CASE runs only the cases whose name holds it.
 * Writes to namespace "limits" (TOKEN must hold limits:write) and prints a Markdown table: case, the answer's
 * status and size, CPU ms per request (mean over the runs), wall-clock ms (median).
 */
public class WorstCaseCpu {

    static final String NS = "limits";
    /** Records of 256 metadata members of about 32 bytes, 8 KiB each: 1,000 of them fill the 8 MiB page. */
    static final int PAGE_RECORDS = 1000;
    /**
     * One string sort value: the cursor carries it twice (its text and its jsonb, SortPlan), base64url-encoded, so 8
     * of them make a cursor of about 960,000 characters, just within the 1 MiB body the next request may have.
     */
    static final int CURSOR_VALUE_CHARS = 45_000;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    final String token;
    final Path stat;
    final long hz;
    final int runs;
    final String only;

    WorstCaseCpu(String base, long pid, String token, int runs, String only) throws Exception {
        this.base = base;
        this.token = token;
        this.stat = Path.of("/proc/" + pid + "/stat");
        this.hz = Long.parseLong(new String(new ProcessBuilder("getconf", "CLK_TCK").start().getInputStream()
                .readAllBytes(), StandardCharsets.US_ASCII).trim());
        this.runs = runs;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        WorstCaseCpu bench = new WorstCaseCpu(args[0], Long.parseLong(args[1]), args[2],
                args.length > 3 ? Integer.parseInt(args[3]) : 20, args.length > 4 ? args[4] : "");
        bench.seed();
        bench.measureAll();
    }

    // ---- the requests

    static String join(int count, IntFunction<String> item) {
        return IntStream.range(0, count).mapToObj(item).collect(Collectors.joining(","));
    }

    static String search(String members) {
        return "{" + members + "}";
    }

    static final String PAGE_FILTER = "{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + NS + "/page/\"}";
    static final String PAGE = "\"filter\":" + PAGE_FILTER + ",\"limit\":1000";
    static final String FIELDS_256 = "\"fields\":[" + join(256, i -> "\"metadata.f" + i + ".g\"") + "]";
    static final String SORT_8 = "\"sort\":[" + join(8, i -> "{\"field\":\"metadata.s" + i + "\"}") + "]";
    static final String EQ = "{\"field\":\"metadata.a\",\"op\":\"eq\",\"value\":1}";
    /**
     * An ordered comparison on a path of k segments binds 2k + 1 values, and a search in key order binds its filter
     * twice (BoundedIndexWalk): 4,096 of them on 3 segments bind 57,344 of PostgreSQL's 65,535 parameters, on 7
     * segments more than it takes, which the compiler refuses (400) once it has compiled them.
     */
    static String gt(String path) {
        return "{\"field\":\"" + path + "\",\"op\":\"gt\",\"value\":1}";
    }
    static final String IN_1000 = "{\"field\":\"metadata.s\",\"op\":\"in\",\"value\":["
            + join(1000, i -> "\"value-" + i + "\"") + "]}";

    void measureAll() throws Exception {
        System.out.println("| case | status | answer bytes | CPU ms per request | wall ms (median) |");
        System.out.println("|---|---|---|---|---|");
        long idle = cpuTicks();
        Thread.sleep(10_000);
        System.out.printf("| idle server, per second (background work, included in every figure below) | | | %.1f | |%n",
                1000.0 * (cpuTicks() - idle) / hz / 10);
        measure("baseline: search of one record", "POST", "records/search", search(
                "\"filter\":{\"field\":\"key\",\"op\":\"eq\",\"value\":\"" + NS + "/page/0000\"}"));
        measure("response size: page of 1,000 records of 8 KiB (ends at 8 MiB)", "POST", "records/search",
                search(PAGE));
        measure("fields: 256 projected from a page of 1,000 records of 8 KiB", "POST", "records/search",
                search(PAGE + "," + FIELDS_256));
        measure("sort keys: 8 on metadata, page of 1,000 records of 8 KiB", "POST", "records/search",
                search(PAGE + "," + SORT_8));
        measure("filter depth: 32 levels of not", "POST", "records/search", search("\"filter\":"
                + "{\"not\":".repeat(32) + EQ + "}".repeat(32)));
        measure("filter breadth: or of 4,096 eq", "POST", "records/search", search(
                "\"filter\":{\"or\":[" + join(4096, i -> EQ) + "]}"));
        measure("filter breadth: or of 4,096 distinct eq (PostgreSQL cannot fold them into one)", "POST",
                "records/search", search("\"filter\":{\"or\":[" + join(4096, i -> "{\"field\":\"metadata.a\",\"op\":"
                        + "\"eq\",\"value\":" + i + "}") + "]}"));
        measure("filter breadth: or of 4,096 gt on 3-segment paths", "POST", "records/search",
                search("\"filter\":{\"or\":[" + join(4096, i -> gt("metadata.a.b.c")) + "]}"));
        measure("filter breadth: or of 4,096 gt on 7-segment paths (too many values: 400)", "POST",
                "records/search", search("\"filter\":{\"or\":[" + join(4096, i -> gt("metadata.a.b.c.d.e.f.g"))
                        + "]}"));
        measure("in-lists: or of 4 in-lists of 1,000 values and 96 eq (4,096 comparisons)", "POST",
                "records/search", search("\"filter\":{\"or\":[" + join(4, i -> IN_1000) + "," + join(96, i -> EQ)
                        + "]}"));
        measure("all search bounds at once: 4,096 comparisons, 256 fields, 8 sort keys, page of 1,000", "POST",
                "records/search", search("\"filter\":{\"and\":[" + PAGE_FILTER + ",{\"or\":[" + join(4095, i -> EQ)
                        + "]}]},\"limit\":1000," + FIELDS_256 + "," + SORT_8));
        String cursorSearch = "\"filter\":{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + NS
                + "/cursor/\"},\"sort\":[" + join(8, i -> "{\"field\":\"metadata.c" + i + "\"}") + "],\"limit\":1";
        String cursorCase = "cursor: 8 string sort values of " + CURSOR_VALUE_CHARS + " characters";
        if (cursorCase.contains(only)) {
            Reply first = send("POST", "records/search", search(cursorSearch));
            Matcher cursor = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"").matcher(first.body);
            if (!cursor.find()) {
                throw new IllegalStateException("no cursor: " + first);
            }
            measure(cursorCase + " (a " + cursor.group(1).length() + "-character cursor)", "POST", "records/search",
                    search(cursorSearch + ",\"cursor\":\"" + cursor.group(1) + "\""));
        }
        measure("body: PUT of 1 MiB metadata, 95,000 members", "PUT", "records/" + NS + "/wide", wideDocument());
        measure("bulk: 1,000 upserts of 1 KiB (1 MiB)", "POST", "records/bulk", "{\"operations\":[" + join(1000,
                i -> "{\"op\":\"upsert\",\"key\":\"" + NS + "/bulk/" + i + "\",\"metadata\":{\"blob\":\""
                        + "x".repeat(960) + "\"}}") + "]}");
    }

    /** 1 MiB of metadata in about 95,000 members of one digit each. */
    static String wideDocument() {
        StringBuilder metadata = new StringBuilder("{\"metadata\":{");
        for (int i = 0; metadata.length() < 1_048_000 - 16; i++) {
            metadata.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        return metadata.append("}}").toString();
    }

    // ---- the data the searches read

    void seed() throws Exception {
        for (int batch = 0; batch < PAGE_RECORDS / 100; batch++) {
            int first = batch * 100;
            require(send("POST", "records/bulk", "{\"atomic\":false,\"operations\":[" + join(100, i -> {
                int n = first + i;
                String members = join(256, f -> "\"f" + f + "\":{\"g\":\"value-" + n + "-" + f + "-padding\"}");
                String sortValues = join(8, s -> "\"s" + s + "\":" + ((n * 31 + s) % 97));
                return "{\"op\":\"upsert\",\"key\":\"" + NS + "/page/" + String.format("%04d", n)
                        + "\",\"metadata\":{" + members + "," + sortValues + ",\"a\":" + n + "}}";
            }) + "]}"), 200);
        }
        for (int n = 0; n < 2; n++) {
            int record = n;
            require(send("PUT", "records/" + NS + "/cursor/" + n, "{\"metadata\":{" + join(8, c -> "\"c" + c + "\":\""
                    + Character.toString('a' + record).repeat(CURSOR_VALUE_CHARS) + "\"") + "}}"), 200, 201);
        }
    }

    // ---- measuring

    void measure(String name, String method, String path, String body) throws Exception {
        if (!name.contains(only)) {
            return;
        }
        Reply reply = null;
        for (int i = 0; i < runs; i++) {
            reply = send(method, path, body);
        }
        long[] wall = new long[runs];
        long before = cpuTicks();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            reply = send(method, path, body);
            wall[i] = System.nanoTime() - started;
        }
        long ticks = cpuTicks() - before;
        Arrays.sort(wall);
        System.out.printf("| %s | %d | %,d | %.1f | %.1f |%n", name, reply.status, reply.body.length(),
                1000.0 * ticks / hz / runs, wall[runs / 2] / 1e6);
    }

    long cpuTicks() throws Exception {
        String line = Files.readString(stat);
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    record Reply(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body.substring(0, Math.min(body.length(), 500));
        }
    }

    Reply send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    static void require(Reply reply, Integer... statuses) {
        List<Integer> expected = new ArrayList<>(Arrays.asList(statuses));
        if (!expected.contains(reply.status)) {
            throw new IllegalStateException("expected " + expected + ": " + reply);
        }
    }
}
