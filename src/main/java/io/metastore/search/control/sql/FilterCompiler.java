package io.metastore.search.control.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.search.control.query.Filter;
import io.metastore.search.control.query.Operator;
import io.metastore.search.control.query.RecordField;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a filter tree to a SQL condition. Every condition it writes is TRUE for a match and FALSE or NULL for no
 * match; AND and OR keep that reading, and {@code not} turns NULL into FALSE before negating, so it is the exact
 * complement of its operand.
 */
final class FilterCompiler {

    private FilterCompiler() {
    }

    /** @param indexes the declared indexes comparisons may be written for */
    static void compile(Filter filter, UsableIndexes indexes, SqlBuilder sql) {
        if (filter instanceof Filter.And and) {
            join(and.operands(), " AND ", indexes, sql);
        } else if (filter instanceof Filter.Or or) {
            join(or.operands(), " OR ", indexes, sql);
        } else if (filter instanceof Filter.Not not) {
            sql.sql("NOT coalesce(");
            compile(not.operand(), indexes, sql);
            sql.sql(", false)");
        } else {
            comparison((Filter.Comparison) filter, indexes, sql);
        }
    }

    /**
     * {@code neq} and {@code in} are defined by {@code eq}, so they are compiled as what they mean; a metadata in-list
     * that no declared index serves as one array comparison that means the same (an OR of a thousand containments
     * costs a thousand per row), one a declared index serves as equalities the index answers.
     */
    private static void comparison(Filter.Comparison comparison, UsableIndexes indexes, SqlBuilder sql) {
        switch (comparison.op()) {
            case NEQ -> compile(new Filter.Not(withOp(comparison, Operator.EQ, comparison.value())), indexes, sql);
            case IN -> {
                if (comparison.value().isEmpty()) {
                    sql.sql("FALSE");
                } else {
                    List<Filter.Comparison> alternatives = new ArrayList<>();
                    for (JsonNode value : comparison.value()) {
                        alternatives.add(withOp(comparison, Operator.EQ, value));
                    }
                    if (comparison.field().root() == RecordField.METADATA && alternatives.stream()
                            .noneMatch(alternative -> IndexedComparison.applies(alternative, indexes))) {
                        ComparisonCompiler.anyOf(comparison.field(), comparison.value(), sql);
                    } else {
                        compile(new Filter.Or(List.copyOf(alternatives)), indexes, sql);
                    }
                }
            }
            default -> ComparisonCompiler.compile(comparison, indexes, sql);
        }
    }

    private static Filter.Comparison withOp(Filter.Comparison comparison, Operator op, JsonNode value) {
        return new Filter.Comparison(comparison.field(), op, value);
    }

    private static void join(List<Filter> operands, String operator, UsableIndexes indexes, SqlBuilder sql) {
        sql.sql("(");
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                sql.sql(operator);
            }
            compile(operands.get(i), indexes, sql);
        }
        sql.sql(")");
    }
}
