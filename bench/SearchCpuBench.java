import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.boundary.Projection;
import io.metastore.search.control.sql.SearchCompiler;
import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.query.SearchRequestParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Server CPU a search costs outside PostgreSQL at each per-request bound of docs/limits.md: parsing and validating the
 * body, compiling it, and shaping a full page of items (1,000 items of 8 KiB, 8 MiB in all) with the most projected
 * fields. Prints the median of RUNS timings per case, after as many warm-up runs.
 * Usage (JDK 17 single-file source, the service's main and test classes on the class path):
 * java -cp target/classes:target/test-classes:DEPENDENCIES bench/SearchCpuBench.java [RUNS]
 */
public class SearchCpuBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String comparison = "{\"field\": \"metadata.a\", \"op\": \"eq\", \"value\": 1}";
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(","));
        String inList = "{\"field\": \"metadata.s\", \"op\": \"in\", \"value\": [" + thousand + "]}";
        // 4,000 values and 96 comparisons: the 4,096 comparisons a filter may hold (FilterParser.MAX_COMPARISONS)
        String widest = "{\"or\": [" + String.join(",", java.util.Collections.nCopies(4, inList)) + ","
                + String.join(",", java.util.Collections.nCopies(96, comparison)) + "]}";
        String fields = IntStream.range(0, 256).mapToObj(i -> "\"metadata.f" + i + ".g\"")
                .collect(Collectors.joining(","));
        String sort = IntStream.range(0, 8).mapToObj(i -> "{\"field\": \"metadata.s" + i + "\"}")
                .collect(Collectors.joining(","));
        String deepest = "{\"filter\": " + "{\"not\": ".repeat(32) + comparison + "}".repeat(32) + "}";
        String broad = "{\"filter\": {\"or\": [" + String.join(",", java.util.Collections.nCopies(4096,
                comparison)) + "]}}";
        time(runs, "filter 32 levels deep", () -> compile(deepest));
        time(runs, "filter of 4,096 comparisons", () -> compile(broad));
        time(runs, "4 in-lists of 1,000 values and 96 comparisons", () -> compile("{\"filter\": " + widest + "}"));
        time(runs, "8 metadata sort keys", () -> compile("{\"sort\": [" + sort + "]}"));
        SearchQuery projected = new SearchRequestParser().parse(Json.MAPPER.readTree("{\"fields\": [" + fields
                + "], \"limit\": 1000}"));
        List<RecordSnapshot> page = page();
        // a projection is written while the page is serialized, so its cost shows only in the written text
        time(runs, "project and serialize 1,000 items of 8 KiB to 256 fields", () -> {
            Projection projection = new Projection(projected.fields());
            return Json.write(page.stream().map(projection::apply).toList()).length();
        });
        time(runs, "serialize 1,000 items of 8 KiB (8 MiB)", () -> {
            Projection projection = new Projection(List.of());
            return Json.write(page.stream().map(projection::apply).toList()).length();
        });
    }

    private static Object compile(String request) {
        try {
            JsonNode body = Json.MAPPER.readTree(request);
            return new SearchCompiler().compile(new SearchRequestParser().parse(body), Optional.empty());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** 1,000 records whose metadata holds 256 members of about 32 bytes: 8 KiB each. */
    private static List<RecordSnapshot> page() {
        List<RecordSnapshot> page = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ObjectNode metadata = Json.MAPPER.createObjectNode();
            for (int f = 0; f < 256; f++) {
                metadata.putObject("f" + f).put("g", "value-" + i + "-" + f + "-padding");
            }
            page.add(new RecordSnapshot("bench/item-" + i, metadata, List.of("prod"), "team", 1, Instant.EPOCH,
                    Instant.EPOCH, "bench", "bench", null));
        }
        return page;
    }

    private static void time(int runs, String name, Supplier<Object> work) {
        for (int i = 0; i < runs; i++) {
            work.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %.1f | %.1f |%n", name, ms[runs / 2], ms[runs - 1]);
    }
}
