package io.metastore.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct reads of this run's database, to check what the service really stored (or did not): the test server's, or a
 * running server's ({@link TargetServer#connectToDatabase()}).
 */
public final class Rows {

    private Rows() {
    }

    public static Connection connect() throws SQLException {
        String url = System.getProperty(LibertyTestDatabase.URL_PROPERTY);
        if (url == null && TargetServer.running().isPresent()) {
            return TargetServer.connectToDatabase();
        }
        if (url == null) {
            throw new IllegalStateException("No test database: run the integration tests through mvn verify");
        }
        return DriverManager.getConnection(url);
    }

    /** A digest of every row (key, version, content) matching the key prefix, to prove that nothing changed. */
    public static List<String> snapshot(String keyPrefix) {
        return strings("SELECT key || ' v' || version || ' ' || metadata::text || ' ' || tags::text || ' '"
                + " || coalesce(owner, '-') || ' ' || coalesce(deleted_at::text, 'live')"
                + " FROM metastore.metastore_records WHERE key >= ? AND key < ? ORDER BY key",
                keyPrefix, keyPrefix + new String(Character.toChars(Character.MAX_CODE_POINT)));
    }

    public static long count(String keyPrefix) {
        return snapshot(keyPrefix).size();
    }

    public static List<String> strings(String sql, Object... params) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
