import io.metastore.platform.Json;
import io.metastore.search.control.sql.SearchCompiler;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.ServerPreparedSearch;
import io.metastore.search.control.sql.SqlStatement;
import java.util.Optional;

/**
 * Prints a psql script that prepares the page statement the service's compiler builds for a search request (as PgJDBC
 * prepares it on the server) and runs EXPLAIN (ANALYZE, BUFFERS) on it with the request's values, with the settings
 * SearchExecutor makes.
 * Usage (JDK 17 single-file source, the service's main and test classes on the class path):
 * java -cp target/classes:target/test-classes:DEPENDENCIES bench/ExplainSearch.java REQUEST_JSON PLAN_CACHE_MODE
 */
public class ExplainSearch {

    public static void main(String[] args) throws Exception {
        SqlStatement page = new SearchCompiler()
                .compile(new SearchRequestParser().parse(Json.MAPPER.readTree(args[0])), Optional.empty()).page();
        System.out.println("SET plan_cache_mode = " + args[1] + ";");
        System.out.println("SET jit = off;"); // as SearchExecutor sets it
        System.out.println(ServerPreparedSearch.prepare(page) + ";");
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) " + ServerPreparedSearch.execute(page) + ";");
    }
}
