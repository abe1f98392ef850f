package io.metastore.it.support;

import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL database of one test run (or one test class): created fresh, dropped afterwards, so runs never see
 * each other's rows. The server comes from METASTORE_TEST_DB_URL (an administrative JDBC URL) when set, else the local
 * PostgreSQL on 127.0.0.1 at METASTORE_DB_PORT (default 5432, the port the run command uses too, so
 * {@code bin/embedded-postgres} serves both) when it answers, else a Testcontainers PostgreSQL when a Docker engine
 * exists, one per test JVM. The integration tests and the unit tests that need PostgreSQL choose alike.
 */
public final class TestDatabase {

    private static final int LOCAL_PORT = Integer.parseInt(System.getenv().getOrDefault("METASTORE_DB_PORT", "5432"));
    /** The local server's administrative URL; always loopback, so tests never create databases on a shared host. */
    public static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:" + LOCAL_PORT + "/postgres?user=postgres";

    private static final String UTF8_FROM_TEMPLATE0 = "TEMPLATE template0 ENCODING 'UTF8'";

    private final String adminUrl;
    private final String name;

    private TestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    /** Creates a new, empty database named after the prefix and the time, on the first server that answers. */
    public static TestDatabase create(String prefix) {
        return create(prefix, UTF8_FROM_TEMPLATE0);
    }

    /** As {@link #create(String)}, with what follows {@code CREATE DATABASE <name>} (a template, a locale...). */
    public static TestDatabase create(String prefix, String createOptions) {
        String configured = System.getenv("METASTORE_TEST_DB_URL");
        String adminUrl = configured != null && !configured.isBlank() ? configured
                : localPostgresAnswers() ? LOCAL_ADMIN_URL : Containers.postgresAdminUrl();
        return createOn(adminUrl, prefix, createOptions);
    }

    /** Creates a new, empty database named after the prefix and the time on the server of this administrative URL. */
    public static TestDatabase createOn(String adminUrl, String prefix) {
        return createOn(adminUrl, prefix, UTF8_FROM_TEMPLATE0);
    }

    private static TestDatabase createOn(String adminUrl, String prefix, String createOptions) {
        TestDatabase database = new TestDatabase(adminUrl, uniqueName(prefix));
        database.execute("CREATE DATABASE " + database.name + " " + createOptions);
        return database;
    }

    private static String uniqueName(String prefix) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        return prefix + "_" + stamp + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
    }

    private static boolean localPostgresAnswers() {
        try (Socket ignored = new Socket("127.0.0.1", LOCAL_PORT)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this run's database (the administrative URL with the database name replaced). */
    public String url() {
        return withDatabase(adminUrl, name);
    }

    /** This run's database reached through another host and port (a relay in front of the server). */
    public String urlVia(String host, int port) {
        String url = url();
        int start = "jdbc:postgresql://".length();
        int end = url.indexOf('/', start);
        return url.substring(0, start) + host + ":" + port + url.substring(end);
    }

    public String host() {
        String authority = authority();
        return authority.contains(":") ? authority.substring(0, authority.lastIndexOf(':')) : authority;
    }

    public int port() {
        String authority = authority();
        return authority.contains(":") ? Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1)) : 5432;
    }

    private String authority() {
        int start = "jdbc:postgresql://".length();
        return adminUrl.substring(start, adminUrl.indexOf('/', start));
    }

    public String user() {
        return parameter("user", "postgres");
    }

    public String password() {
        return parameter("password", "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed on " + redacted(adminUrl) + ": " + e.getMessage(), e);
        }
    }

    private String parameter(String key, String fallback) {
        int query = adminUrl.indexOf('?');
        if (query >= 0) {
            for (String pair : adminUrl.substring(query + 1).split("&")) {
                if (pair.startsWith(key + "=")) {
                    return java.net.URLDecoder.decode(pair.substring(key.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return fallback;
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query >= 0 ? url.substring(0, query) : url;
        String params = query >= 0 ? url.substring(query) : "";
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String server = slash >= 0 ? base.substring(0, slash) : base;
        return server + "/" + database + params;
    }

    private static String redacted(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
