package io.metastore.search.control.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.indexes.control.IndexType;
import io.metastore.search.control.query.Filter;
import io.metastore.search.control.query.Operator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A comparison ({@code eq}, {@code lt}, {@code lte}, {@code gt}, {@code gte}, {@code between}; {@code in} is a
 * disjunction of {@code eq}) on a metadata path that a ready declared index of the value's type holds, written so that
 * PostgreSQL can answer it from that index. It means exactly what {@link ComparisonCompiler} writes without the index:
 * <ul>
 * <li>a number compares the index's expression itself, {@code eq} included (which otherwise goes to the GIN index as
 * containment: a scalar below the top level contains only an equal scalar, numbers compared numerically, so both
 * match the same records);</li>
 * <li>a string compares the index's prefix with the value's prefix, which any matching string meets (in code-point
 * order a prefix never contradicts the whole), and then the whole string.</li>
 * </ul>
 */
final class IndexedComparison {

    private static final Set<Operator> SERVED = EnumSet.of(Operator.EQ, Operator.LT, Operator.LTE, Operator.GT,
            Operator.GTE, Operator.BETWEEN);

    private IndexedComparison() {
    }

    static boolean applies(Filter.Comparison comparison, UsableIndexes indexes) {
        if (!comparison.field().isMetadataPath() || !SERVED.contains(comparison.op())) {
            return false;
        }
        // between's bounds have one type (ComparisonRules)
        JsonNode value = comparison.op() == Operator.BETWEEN ? comparison.value().get(0) : comparison.value();
        return typeOf(value).filter(indexes.at(comparison.field().path())::contains).isPresent();
    }

    static void compile(Filter.Comparison comparison, SqlBuilder sql) {
        List<String> path = comparison.field().path();
        JsonNode value = comparison.value();
        switch (comparison.op()) {
            case EQ -> compare(path, " = ", value, sql);
            case LT -> compare(path, " < ", value, sql);
            case LTE -> compare(path, " <= ", value, sql);
            case GT -> compare(path, " > ", value, sql);
            case GTE -> compare(path, " >= ", value, sql);
            case BETWEEN -> {
                sql.sql("(");
                compare(path, " >= ", value.get(0), sql);
                sql.sql(" AND ");
                compare(path, " <= ", value.get(1), sql);
                sql.sql(")");
            }
            default -> throw new IllegalArgumentException(comparison.op() + " is not served by a declared index");
        }
    }

    private static void compare(List<String> path, String operator, JsonNode value, SqlBuilder sql) {
        if (value.isNumber()) {
            MetadataSql.number(sql, path);
            sql.sql(operator).param(value.decimalValue());
            return;
        }
        String text = value.textValue();
        sql.sql("(");
        MetadataSql.indexKey(sql, path, IndexType.STRING);
        sql.sql(prefixOperator(operator)).param(IndexType.prefix(text)).sql(" AND ");
        MetadataSql.text(sql, path);
        sql.sql(operator).param(text).sql(")");
    }

    /** What the prefixes of two strings satisfy when the strings satisfy {@code operator}. */
    private static String prefixOperator(String operator) {
        return switch (operator.trim()) {
            case "=" -> " = ";
            case "<", "<=" -> " <= ";
            default -> " >= ";
        };
    }

    private static Optional<IndexType> typeOf(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(IndexType.NUMBER);
        }
        return value.isTextual() ? Optional.of(IndexType.STRING) : Optional.empty();
    }
}
