package io.metastore.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The versioned migrations in db/migration, which every migrated schema's Flyway history must list once each. */
public final class Migrations {

    /** What {@code SchemaMigration} logs once per start, with how many migrations that start applied. */
    public static final String APPLIED_LOG_TEXT = "migrations applied now";

    private Migrations() {
    }

    /** The versions of db/migration's {@code V<n>__*.sql} files, in order. */
    public static List<String> versions() {
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.matches("V\\d+__.*\\.sql"))
                    .map(f -> f.substring(1, f.indexOf("__")))
                    .sorted(Comparator.comparingInt(Integer::parseInt)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list db/migration", e);
        }
    }

    /** One successful history row per migration, as {@code "<version> true"}. */
    public static List<String> successfulHistory() {
        return versions().stream().map(version -> version + " true").toList();
    }
}
