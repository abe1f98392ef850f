package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.ServiceIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the jqwik properties of {@link ContractProperties} against the server Arquillian deployed: jqwik is an engine of
 * its own, which Arquillian's Jupiter extension cannot drive, so this test launches it in the same JVM (without the
 * session listeners, which would make another test database) and fails with every property's failure, its seed and
 * its shrunk sample.
 */
class ContractPropertiesIT extends ServiceIT {

    @Test
    void theContractHoldsForGeneratedRequests() {
        System.out.println("ContractPropertiesIT: input shapes not generated while their defect is open: "
                + KnownDefects.OPEN);
        ContractProperties.useServer(base);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ContractProperties.class))
                .filters(EngineFilter.includeEngines("jqwik"))
                // failures replay their own seed when asked (a seed in @Property), never silently from a file
                .configurationParameter("jqwik.database", "target/jqwik-database")
                // jqwik's report (seed, shrunk sample) reaches the listener below, not only standard output
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false).build());
        Failures failures = new Failures();
        launcher.execute(request, failures);
        assertTrue(failures.ran > 0, "no property ran");
        assertTrue(failures.found.isEmpty(), () -> failures.found.size() + " properties failed:\n"
                + String.join("\n\n", failures.found));
    }

    /**
     * Every failed property with jqwik's report of it (seed, tries, original and shrunk sample); prints each property's
     * time, since all of them share this test's budget.
     */
    private static final class Failures implements TestExecutionListener {
        private final List<String> found = new ArrayList<>();
        private final Map<String, List<String>> reports = new java.util.HashMap<>();
        private final Map<String, Long> started = new java.util.HashMap<>();
        private int ran;

        @Override
        public void executionStarted(TestIdentifier test) {
            started.put(test.getUniqueId(), System.nanoTime());
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            reports.computeIfAbsent(test.getUniqueId(), id -> new ArrayList<>()).add(entry.getKeyValuePairs().toString());
            System.out.println(test.getDisplayName() + ": " + entry.getKeyValuePairs());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            ran++;
            System.out.printf("ContractPropertiesIT: %s %s in %.1f s%n", test.getDisplayName(), result.getStatus(),
                    (System.nanoTime() - started.get(test.getUniqueId())) / 1e9);
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                found.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("")
                        + "\n" + String.join("\n", reports.getOrDefault(test.getUniqueId(), List.of())));
            }
        }
    }
}
