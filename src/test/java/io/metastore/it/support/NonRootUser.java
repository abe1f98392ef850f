package io.metastore.it.support;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs commands that refuse root (PostgreSQL's initdb and postgres, bin/embedded-postgres) as a regular user: the test
 * JVM's own user, or, when the tests run as root as they do in CI, the OS user {@code postgres} through runuser.
 */
public final class NonRootUser {

    private static final String USER_WHEN_ROOT = "postgres";
    private static final boolean ROOT = new UnixSystem().getUid() == 0;

    private NonRootUser() {
    }

    /** Whether the test JVM runs as root, so that commands run as {@value #USER_WHEN_ROOT} instead. */
    public static boolean testsRunAsRoot() {
        return ROOT;
    }

    /** A new temporary directory the regular user owns. */
    public static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            try {
                giveToRegularUser(directory);
            } catch (IllegalStateException noSuchUser) {
                Directories.delete(directory);
                throw noSuchUser;
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + prefix, e);
        }
    }

    /** Makes the regular user the owner of the file, or of the directory and all it holds. */
    public static void giveToRegularUser(Path tree) throws IOException {
        if (!ROOT) {
            return;
        }
        UserPrincipalLookupService users = tree.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        try {
            user = users.lookupPrincipalByName(USER_WHEN_ROOT);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("The tests run as root, so this must run as OS user " + USER_WHEN_ROOT
                    + ", which does not exist");
        }
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, user);
            }
        }
    }

    /**
     * Runs the command in the directory with extra environment variables, its output (stdout and stderr) to a file:
     * not a pipe, because a server the command starts outlives it. Returns the exit code.
     */
    public static int run(List<String> command, Path directory, Map<String, String> environment, Path output,
                          Duration timeout) {
        List<String> asUser = new ArrayList<>();
        if (ROOT) {
            asUser.addAll(List.of("runuser", "-u", USER_WHEN_ROOT, "--"));
        }
        asUser.addAll(command);
        try {
            ProcessBuilder builder = new ProcessBuilder(asUser).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + timeout);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", asUser), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
