package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.ServiceIT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service's own metric families (metastore_*) pass Prometheus' own linter, {@code promtool check metrics} (Debian
 * package prometheus; .ci/run installs it): a scraper or recording rule may then rely on them, histograms included.
 */
class MetricsFormatIT extends ServiceIT {

    @Test
    void metastoreFamiliesPassPromtool() throws Exception {
        assertEquals(201, api.post("records", "{\"key\":\"" + ns + "/m\",\"metadata\":{}}").status());
        assertEquals(200, api.get("records/" + ns + "/m").status());
        assertEquals(200, api.post("records/search", "{\"filter\":{\"field\":\"key\",\"op\":\"eq\",\"value\":\""
                + ns + "/m\"}}").status());
        assertEquals(200, api.post("records/bulk", "{\"atomic\":false,\"operations\":[{\"op\":\"upsert\",\"key\":\""
                + ns + "/m\",\"metadata\":{}}]}").status());

        String families = server().get("metrics").body().lines()
                .filter(line -> line.startsWith("metastore_") || line.startsWith("# HELP metastore_")
                        || line.startsWith("# TYPE metastore_"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertTrue(families.contains("metastore_requests_total"), families);
        assertTrue(families.contains("metastore_request_duration_seconds_bucket"), families);

        Process promtool = promtool("check", "metrics");
        promtool.getOutputStream().write(families.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals("", report.strip(), () -> "promtool check metrics:\n" + report + "\non\n" + families);
        assertEquals(0, promtool.exitValue(), report);
    }

    private static Process promtool(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (apt-get install prometheus; .ci/run does it)", e);
        }
    }
}
