package io.metastore.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.metastore.platform.Json;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL each operator compiles to, and what it binds: request values only ever appear as parameters. */
class FilterCompilerTest {

    private static final String NUMBER_AT_A = "(CASE WHEN jsonb_typeof(metadata -> ?) = 'number' "
            + "THEN CAST(metadata -> ? AS numeric) END)";
    private static final String TEXT_AT_A = "(CASE WHEN jsonb_typeof(metadata -> ?) = 'string' "
            + "THEN (metadata -> ? #>> '{}') END) COLLATE \"C\"";
    private static final String EQ_AT_A = "(metadata @> CAST(? AS jsonb) AND metadata -> ? = CAST(? AS jsonb))";

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            key       | eq          | "a/b"        | key = ?                            | a/b
            namespace | neq         | "a"          | NOT coalesce(namespace = ?, false) | a
            owner     | eq          | null         | owner IS NULL                      |
            deletedAt | neq         | null         | NOT coalesce(deleted_at IS NULL, false) |
            createdBy | lt          | "m"          | created_by < ?                     | m
            updatedBy | lte         | "m"          | updated_by <= ?                    | m
            version   | gt          | 3            | version > ?                        | 3L
            version   | in          | [1, 2]       | (version = ? OR version = ?)       | 1L 2L
            version   | in          | []           | FALSE                              |
            createdAt | gte         | "2026-11-27T20:00:00.5+01:00" | created_at >= ? | 2026-11-27T20:00:00.500+01:00
            updatedAt | between     | ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"] | (updated_at >= ? AND updated_at <= ?) | 2026-01-01T00:00Z 2026-02-01T00:00Z
            key       | between     | ["a", "b"]   | (key >= ? AND key <= ?)            | a b
            key       | starts_with | "a/"         | (key >= ? AND key < ?)             | a/ a0
            key       | starts_with | ""           | key IS NOT NULL                    |
            owner     | contains    | "50%_"       | strpos(owner, ?) > 0               | 50%_
            tags      | array_contains | ["p", "q"] | tags @> ?                         | [p,q]
            tags      | contains    | ["p"]        | tags @> ?                          | [p]
            metadata  | eq          | {"a": 1}     | (metadata @> CAST(? AS jsonb) AND metadata = CAST(? AS jsonb)) | {"a":1} {"a":1}
            metadata  | contains    | {"a": [1]}   | metadata @> CAST(? AS jsonb)       | {"a":[1]}
            metadata  | has_key     | "k"          | metadata ?? ?                      | k
            metadata.a | eq         | 1.50         | EQ_AT_A                          | {"a":1.50} a 1.50
            metadata.a | eq         | "x"          | EQ_AT_A                          | {"a":"x"} a "x"
            metadata.a | eq         | true         | EQ_AT_A                          | {"a":true} a true
            metadata.a | eq         | null         | EQ_AT_A                          | {"a":null} a null
            metadata.a | eq         | [1, "x"]     | EQ_AT_A                          | {"a":[1,"x"]} a [1,"x"]
            metadata.a | eq         | {"k": {}}    | EQ_AT_A                          | {"a":{"k":{}}} a {"k":{}}
            metadata.a | neq        | 1            | NOT coalesce(EQ_AT_A, false)     | {"a":1} a 1
            metadata.a | in         | [1, "x"]     | (EQ_AT_A OR EQ_AT_A)           | {"a":1} a 1 {"a":"x"} a "x"
            metadata.a | gt         | 10           | NUMBER_AT_A > ?                  | a a 10
            metadata.a | lt         | "10"         | TEXT_AT_A < ?                    | a a 10
            metadata.a | between    | [1, 2.5]     | (NUMBER_AT_A >= ? AND NUMBER_AT_A <= ?) | a a 1 a a 2.5
            metadata.a | contains   | "%"          | strpos(TEXT_AT_A, ?) > 0         | a a %
            metadata.a | contains   | {"k": 1}     | metadata @> CAST(? AS jsonb)       | {"a":{"k":1}}
            metadata.a | contains   | [1]          | metadata @> CAST(? AS jsonb)       | {"a":[1]}
            metadata.a | starts_with | "ab"        | (TEXT_AT_A >= ? AND TEXT_AT_A < ?) | a a ab a a ac
            metadata.a | starts_with | ""          | TEXT_AT_A IS NOT NULL            | a a
            metadata.a | array_contains | [1, "x", null, false] | metadata @> CAST(? AS jsonb) | {"a":[1,"x",null,false]}
            metadata.a | exists     |              | metadata ?? ?                      | a
            metadata.a.0 | exists   |              | (metadata @> CAST(? AS jsonb) AND metadata -> ? ?? ?) | {"a":{}} a 0
            metadata.a.0 | has_key  | "k\\"'"      | (metadata @> CAST(? AS jsonb) AND metadata -> ? -> ? ?? ?) | {"a":{"0":{}}} a 0 k"'
            metadata.a.0 | eq       | 1            | (metadata @> CAST(? AS jsonb) AND metadata -> ? -> ? = CAST(? AS jsonb)) | {"a":{"0":1}} a 0 1
            """)
    void compilesEachOperator(String field, String op, String value, String sql, String parameters)
            throws Exception {
        String request = "{\"field\": \"" + field + "\", \"op\": \"" + op + "\""
                + (value == null ? "" : ", \"value\": " + value) + "}";
        SqlStatement compiled = compile(request);
        String expectedSql = sql.replace("EQ_AT_A", EQ_AT_A).replace("NUMBER_AT_A", NUMBER_AT_A)
                .replace("TEXT_AT_A", TEXT_AT_A);
        assertEquals(expectedSql, compiled.sql());
        assertEquals(parameters == null ? "" : parameters, describe(compiled.parameters()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"and": [{"field": "key", "op": "eq", "value": "a"}, {"or": [{"field": "version", "op": "eq", "value": 1}, {"not": {"field": "owner", "op": "eq", "value": "o"}}]}]} | (key = ? AND (version = ? OR NOT coalesce(owner = ?, false)))
            {"not": {"not": {"field": "key", "op": "eq", "value": "a"}}}  | NOT coalesce(NOT coalesce(key = ?, false), false)
            """)
    void compilesCombinators(String filter, String sql) throws Exception {
        assertEquals(sql, compile(filter).sql());
    }

    private static SqlStatement compile(String filter) throws Exception {
        SqlBuilder sql = new SqlBuilder();
        FilterCompiler.compile(FilterParser.parse(Json.MAPPER.readTree(filter), "filter"), sql);
        return sql.build();
    }

    /** Parameters as text, with their Java type visible where it matters (Long as 3L, text arrays as [a,b]). */
    static String describe(List<Object> parameters) {
        return String.join(" ", parameters.stream().map(FilterCompilerTest::describe).toList());
    }

    private static String describe(Object parameter) {
        if (parameter instanceof Long number) {
            return number + "L";
        }
        if (parameter instanceof String[] texts) {
            return Arrays.toString(texts).replace(" ", "");
        }
        if (parameter instanceof BigDecimal || parameter instanceof String || parameter instanceof OffsetDateTime
                || parameter instanceof Boolean) {
            return parameter.toString();
        }
        throw new AssertionError("unexpected parameter type " + parameter.getClass());
    }
}
