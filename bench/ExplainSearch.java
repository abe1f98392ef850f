import io.metastore.indexes.control.IndexDeclaration;
import io.metastore.indexes.control.IndexDefinition;
import io.metastore.indexes.control.IndexState;
import io.metastore.indexes.control.IndexType;
import io.metastore.indexes.control.ReadyIndexes;
import io.metastore.platform.Json;
import io.metastore.search.control.sql.SearchCompiler;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.ServerPreparedSearch;
import io.metastore.search.control.sql.SqlStatement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Prints a psql script that prepares the page statement the service's compiler builds for a search request (as PgJDBC
 * prepares it on the server) and runs EXPLAIN (ANALYZE, BUFFERS) on it with the request's values, with the settings
 * SearchExecutor makes.
 * Usage (JDK 17 single-file source, the service's main and test classes on the class path):
 * java -cp target/classes:target/test-classes:DEPENDENCIES bench/ExplainSearch.java REQUEST_JSON PLAN_CACHE_MODE
 * [READY_INDEXES], where READY_INDEXES lists the declared indexes to write the search for (they must be ready in
 * the database), e.g. models:metadata.size:number,models:metadata.metrics.accuracy:number
 */
public class ExplainSearch {

    public static void main(String[] args) throws Exception {
        ReadyIndexes ready = args.length < 3 ? ReadyIndexes.NONE : ReadyIndexes.of(Arrays.stream(args[2].split(","))
                .map(declared -> declared.split(":"))
                .map(parts -> new IndexDeclaration(parts[0], parts[1], new IndexDefinition(IndexDefinition.parseField(
                        parts[1], "field"), IndexType.byJsonName(parts[2]).orElseThrow()), IndexState.READY, null,
                        Instant.EPOCH, "bench"))
                .toList());
        SqlStatement page = new SearchCompiler()
                .compile(new SearchRequestParser().parse(Json.MAPPER.readTree(args[0])), Optional.empty(), ready)
                .page();
        System.out.println("SET plan_cache_mode = " + args[1] + ";");
        System.out.println("SET jit = off;"); // as SearchExecutor sets it
        System.out.println(ServerPreparedSearch.prepare(page) + ";");
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) " + ServerPreparedSearch.execute(page) + ";");
    }
}
