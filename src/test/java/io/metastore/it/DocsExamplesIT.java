package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs every shell example of docs/metastore.md that states its expected status ({@code # expect: NNN}), in document
 * order, against the started server: the user's guide breaks the build when it stops being true. The examples assume
 * a database where they have not run yet, as the guide says: the test run's own database always is one; a running
 * server's ({@code -Dit.url}, liberty:dev) is one until they have run there once.
 */
class DocsExamplesIT extends ServiceIT {

    private static final Path GUIDE = Path.of("docs/metastore.md");
    private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\d{3})$", Pattern.MULTILINE);
    /** The key the guide's first example creates. */
    private static final String FIRST_KEY = "assets/asset-123";



    @Test
    void everyExampleAnswersTheStatusItPromises() throws Exception {
        assumeTrue(Rows.count(FIRST_KEY) == 0, "docs/metastore.md's examples have run on this database before");
        List<String[]> examples = examples();
        assertTrue(examples.size() >= 14, "the guide lost its examples: " + examples.size());
        String token = Tokens.token("alice", "assets:admin", "jobs:write");
        String root = base.toString().replaceAll("/$", "");
        for (String[] example : examples) {
            String output = run(example[1], root, token);
            String[] lines = output.strip().split("\n");
            assertEquals(example[0], lines[lines.length - 1].strip(),
                    () -> "example answered otherwise:\n" + example[1] + "\noutput:\n" + output);
        }
    }

    /** Pairs of (expected status, script) in document order. */
    private static List<String[]> examples() throws IOException {
        List<String[]> examples = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(GUIDE));
        while (block.find()) {
            Matcher expect = EXPECT.matcher(block.group(1));
            if (expect.find()) {
                examples.add(new String[] {expect.group(1), block.group(1)});
            }
        }
        return examples;
    }

    private static String run(String script, String base, String token) throws Exception {
        ProcessBuilder shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
        shell.environment().put("B", base);
        shell.environment().put("TOKEN", token);
        Process process = shell.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("example did not finish in 60 s:\n" + script);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "example failed:\n" + script + "\n" + output);
        return output;
    }
}
