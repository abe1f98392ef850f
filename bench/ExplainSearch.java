import io.metastore.platform.Json;
import io.metastore.search.control.SearchCompiler;
import io.metastore.search.control.SearchRequestParser;
import io.metastore.search.control.SqlStatement;
import java.util.List;
import java.util.Optional;

/**
 * Prints a psql script that prepares the page statement the service's compiler builds for a search request (as PgJDBC
 * prepares it on the server) and runs EXPLAIN (ANALYZE, BUFFERS) on it with the request's values, with the settings
 * SearchExecutor makes.
 * Usage (JDK 17 single-file source, the service's classes on the class path):
 * java -cp target/classes:DEPENDENCIES bench/ExplainSearch.java REQUEST_JSON PLAN_CACHE_MODE
 */
public class ExplainSearch {

    public static void main(String[] args) throws Exception {
        SqlStatement page = new SearchCompiler()
                .compile(new SearchRequestParser().parse(Json.MAPPER.readTree(args[0])), Optional.empty()).page();
        List<String> values = page.parameters().stream().map(ExplainSearch::literal).toList();
        System.out.println("SET plan_cache_mode = " + args[1] + ";");
        System.out.println("SET jit = off;"); // as SearchExecutor sets it
        System.out.println("PREPARE search AS " + numberedPlaceholders(page.sql()) + ";");
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) EXECUTE search(" + String.join(", ", values) + ");");
    }

    /** JDBC's {@code ?} placeholders as {@code $n}, and its {@code ??} escape as the plain {@code ?} it stands for. */
    private static String numberedPlaceholders(String jdbcSql) {
        StringBuilder sql = new StringBuilder();
        int next = 1;
        for (int i = 0; i < jdbcSql.length(); i++) {
            char c = jdbcSql.charAt(i);
            if (c != '?') {
                sql.append(c);
            } else if (i + 1 < jdbcSql.length() && jdbcSql.charAt(i + 1) == '?') {
                sql.append('?');
                i++;
            } else {
                sql.append('$').append(next++);
            }
        }
        return sql.toString();
    }

    private static String literal(Object value) {
        if (value instanceof String[] texts) {
            return quote(Json.write(texts).replace('[', '{').replace(']', '}'));
        }
        return value instanceof Number || value instanceof Boolean ? value.toString() : quote(value.toString());
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
