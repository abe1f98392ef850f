package io.metastore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, made executable, so that the house keeps its shape as components land.
 * Components stack: platform, then security, then observability, then records, then the components built on records
 * (search, bulk, and the indexes, history and changes to come). Each may use those below it, never those above or
 * beside it, except search's control using indexes' control. Inside a component: boundary, then control, then entity.
 * Control speaks the domain: no HTTP type, problem type or status number.
 */
@AnalyzeClasses(packages = "io.metastore", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String PLATFORM = "io.metastore.platform..";
    private static final String SECURITY = "io.metastore.security..";
    private static final String OBSERVABILITY = "io.metastore.observability..";
    private static final String RECORDS = "io.metastore.records..";
    private static final String[] ON_RECORDS = {"io.metastore.search..", "io.metastore.bulk..",
            "io.metastore.indexes..", "io.metastore.history..", "io.metastore.changes.."};

    @ArchTest
    static final ArchRule platformUsesNoComponent = noClasses().that().resideInAPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAnyPackage(concat(ON_RECORDS, SECURITY, OBSERVABILITY, RECORDS));

    @ArchTest
    static final ArchRule securityUsesOnlyThePlatform = noClasses().that().resideInAPackage(SECURITY)
            .should().dependOnClassesThat().resideInAnyPackage(concat(ON_RECORDS, OBSERVABILITY, RECORDS));

    @ArchTest
    static final ArchRule observabilityKnowsNoRecords = noClasses().that().resideInAPackage(OBSERVABILITY)
            .should().dependOnClassesThat().resideInAnyPackage(concat(ON_RECORDS, RECORDS));

    @ArchTest
    static final ArchRule recordsLearnOfNothingDownstream = noClasses().that().resideInAPackage(RECORDS)
            .should().dependOnClassesThat().resideInAnyPackage(ON_RECORDS);

    @ArchTest
    static final ArchRule searchAndBulkStandApart = noClasses().that().resideInAPackage("io.metastore.search..")
            .should().dependOnClassesThat().resideInAnyPackage("io.metastore.bulk..", "io.metastore.history..",
                    "io.metastore.changes..", "io.metastore.indexes.boundary..");

    /** Search runs by stage: the request model knows no SQL and no execution, the SQL stage knows no execution. */
    @ArchTest
    static final ArchRule searchQueryKnowsNoSql = noClasses().that().resideInAPackage("io.metastore.search.control.query")
            .should().dependOnClassesThat().resideInAnyPackage("io.metastore.search.control",
                    "io.metastore.search.control.sql");

    @ArchTest
    static final ArchRule searchSqlKnowsNoExecution = noClasses().that().resideInAPackage("io.metastore.search.control.sql")
            .should().dependOnClassesThat().resideInAPackage("io.metastore.search.control");

    @ArchTest
    static final ArchRule bulkUsesNoOtherComponentOnRecords = noClasses().that().resideInAPackage("io.metastore.bulk..")
            .should().dependOnClassesThat().resideInAnyPackage("io.metastore.search..", "io.metastore.indexes..",
                    "io.metastore.history..", "io.metastore.changes..");

    @ArchTest
    static final ArchRule controlNeverUsesABoundary = noClasses().that().resideInAPackage("..control..")
            .should().dependOnClassesThat().resideInAPackage("..boundary..");

    @ArchTest
    static final ArchRule entitiesUseNeitherControlNorBoundary = noClasses().that().resideInAPackage("..entity..")
            .should().dependOnClassesThat().resideInAnyPackage("..control..", "..boundary..");

    @ArchTest
    static final ArchRule controlSpeaksTheDomain = noClasses().that().resideInAnyPackage("..control..", "..entity..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.metastore.platform.Problem")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.metastore.platform.ProblemMappers");

    @ArchTest
    static final ArchRule componentsHaveNoCycles = slices().matching("io.metastore.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.metastore.(**)").should().beFreeOfCycles();

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** HTTP status numbers and problem types in code are the boundaries' and the mapper's vocabulary. */
    @Test
    void noControlSourceNamesAnHttpStatusOrProblemType() throws IOException {
        Pattern http = Pattern.compile("\\b(200|201|204|304|400|401|403|404|405|409|410|412|413|415|424|500|501|503)\\b"
                + "|urn:metastore:problem|import jakarta\\.ws\\.rs");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/metastore"))) {
            offenders = files.filter(f -> f.toString().contains("/control/") && f.toString().endsWith(".java"))
                    .filter(f -> http.matcher(COMMENT.matcher(read(f)).replaceAll("")).find())
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}
