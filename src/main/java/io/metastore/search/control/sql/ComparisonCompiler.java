package io.metastore.search.control.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import io.metastore.search.control.query.Field;
import io.metastore.search.control.query.Filter;
import io.metastore.search.control.query.RecordField;
import io.metastore.search.control.query.Rfc3339;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compiles one comparison (other than {@code neq} and {@code in}) whose value {@link ComparisonRules} has checked.
 * Metadata equality, containment and member tests go through {@code metadata @>} (or {@code ?} at the top level),
 * served by the GIN index; key prefixes become ranges the B-tree can scan.
 */
final class ComparisonCompiler {

    /** An SQL expression and how a request value binds against it. */
    private record Operand(Consumer<SqlBuilder> expression, Function<JsonNode, Object> binding) {
    }

    private ComparisonCompiler() {
    }

    static void compile(Filter.Comparison comparison, UsableIndexes indexes, SqlBuilder sql) {
        Field field = comparison.field();
        JsonNode value = comparison.value();
        if (IndexedComparison.applies(comparison, indexes)) {
            IndexedComparison.compile(comparison, sql);
            return;
        }
        switch (comparison.op()) {
            case EQ -> equality(field, value, sql);
            case LT -> compare(operand(field, value), " < ", value, sql);
            case LTE -> compare(operand(field, value), " <= ", value, sql);
            case GT -> compare(operand(field, value), " > ", value, sql);
            case GTE -> compare(operand(field, value), " >= ", value, sql);
            case BETWEEN -> {
                Operand operand = operand(field, value.get(0));
                sql.sql("(");
                compare(operand, " >= ", value.get(0), sql);
                sql.sql(" AND ");
                compare(operand, " <= ", value.get(1), sql);
                sql.sql(")");
            }
            case STARTS_WITH -> startsWith(textOperand(field), value.textValue(), sql);
            case CONTAINS -> {
                if (value.isTextual()) {
                    // strpos is a literal search: % and _ mean nothing to it, unlike LIKE
                    sql.sql("strpos(");
                    textOperand(field).expression().accept(sql);
                    sql.sql(", ").param(value.textValue()).sql(") > 0");
                } else {
                    containment(field, value, sql);
                }
            }
            case ARRAY_CONTAINS -> containment(field, value, sql);
            case HAS_KEY -> hasMember(field.path(), value.textValue(), sql);
            case EXISTS -> {
                List<String> path = field.path();
                hasMember(path.subList(0, path.size() - 1), path.get(path.size() - 1), sql);
            }
            case NEQ, IN -> throw new IllegalArgumentException(comparison.op() + " is compiled through eq");
        }
    }

    private static void equality(Field field, JsonNode value, SqlBuilder sql) {
        if (field.root() == RecordField.METADATA && !value.isContainerNode()) {
            // below the top level a scalar is contained only by an equal scalar (numbers compare numerically), so
            // containment alone is exact; an extra comparison would only spoil the planner's row estimate
            containment(field, value, sql);
        } else if (field.root() == RecordField.METADATA) {
            // containment finds candidates through the index; it also accepts a larger object or array, so the
            // value at the path is compared exactly as well (jsonb equality compares numbers numerically)
            sql.sql("(");
            containment(field, value, sql);
            sql.sql(" AND ");
            MetadataSql.value(sql, field.path());
            sql.sql(" = ").jsonbParam(MetadataSql.json(value)).sql(")");
        } else if (value.isNull()) {
            sql.sql(field.root().column + " IS NULL");
        } else {
            compare(operand(field, value), " = ", value, sql);
        }
    }

    /**
     * A metadata in-list: the value at the path equals one of the values. jsonb equality is hashable, so PostgreSQL
     * tests a row against a list of nine or more with one hash probe (a custom plan folds the bound array into a
     * constant), where an OR of equalities, or {@code @> ANY}, costs a containment test per value and row: a thousand
     * values over a key-ordered walk of wide documents took seconds. Equality implies containment of the value's
     * document, so the second term changes no answer; it lets the GIN index find the candidates. IS TRUE turns the
     * NULL of an absent path into false, so AND stops there instead of running the containments as well.
     */
    static void anyOf(Field field, JsonNode values, SqlBuilder sql) {
        String[] jsonValues = new String[values.size()];
        String[] documents = new String[values.size()];
        for (int i = 0; i < jsonValues.length; i++) {
            jsonValues[i] = MetadataSql.json(values.get(i));
            documents[i] = MetadataSql.containmentDocument(field.path(), values.get(i));
        }
        sql.sql("((");
        MetadataSql.value(sql, field.path());
        sql.sql(" = ANY(CAST(").param(jsonValues).sql(" AS jsonb[]))) IS TRUE AND metadata @> ANY(CAST(")
                .param(documents).sql(" AS jsonb[])))");
    }

    private static void compare(Operand operand, String operator, JsonNode value, SqlBuilder sql) {
        operand.expression().accept(sql);
        sql.sql(operator).param(operand.binding().apply(value));
    }

    private static void startsWith(Operand operand, String prefix, SqlBuilder sql) {
        if (prefix.isEmpty()) {
            // every string starts with "": the operand only has to hold a string
            operand.expression().accept(sql);
            sql.sql(" IS NOT NULL");
            return;
        }
        sql.sql("(");
        operand.expression().accept(sql);
        sql.sql(" >= ").param(prefix);
        PrefixRange.successor(prefix).ifPresent(upper -> {
            sql.sql(" AND ");
            operand.expression().accept(sql);
            sql.sql(" < ").param(upper);
        });
        sql.sql(")");
    }

    /**
     * Array containment on tags; JSON containment at the path for metadata. Object containment recurses member by
     * member, so {@code metadata @> {"a":{"b":v}}} holds exactly when the value at a.b is of v's kind and contains v:
     * no recheck is needed.
     */
    private static void containment(Field field, JsonNode value, SqlBuilder sql) {
        if (field.root() == RecordField.TAGS) {
            String[] tags = new String[value.size()];
            for (int i = 0; i < tags.length; i++) {
                tags[i] = value.get(i).textValue();
            }
            sql.sql("tags @> ").param(tags);
        } else {
            sql.sql("metadata @> ").jsonbParam(MetadataSql.containmentDocument(field.path(), value));
        }
    }

    /**
     * The value at {@code parent} is an object holding {@code member}. {@code jsonb ? text} alone would also accept
     * an array holding that string, so below the top level (metadata itself is always an object) containment of an
     * empty object first requires an object at the parent, and lets the GIN index find candidates by the parent's
     * keys. ({@code metadata @? 'strict $.a.b'} would say the same, but jsonb_ops answers it with a full index scan.)
     * "??" is how JDBC spells the operator ?, a lone ? being a placeholder.
     */
    private static void hasMember(List<String> parent, String member, SqlBuilder sql) {
        if (parent.isEmpty()) {
            sql.sql("metadata ?? ").param(member);
            return;
        }
        sql.sql("(metadata @> ").jsonbParam(MetadataSql.containmentDocument(parent, Json.MAPPER.createObjectNode()))
                .sql(" AND ");
        MetadataSql.value(sql, parent);
        sql.sql(" ?? ").param(member).sql(")");
    }

    /** The operand an ordered comparison uses: the column, or the metadata value of the request value's type. */
    private static Operand operand(Field field, JsonNode value) {
        List<String> path = field.path();
        return switch (field.root().kind) {
            case STRING -> textOperand(field);
            case INTEGER -> column(field, JsonNode::longValue);
            case TIMESTAMP -> column(field, node -> Rfc3339.parse(node.textValue()).orElseThrow());
            case METADATA -> value.isNumber()
                    ? new Operand(sql -> MetadataSql.number(sql, path), JsonNode::decimalValue)
                    : textOperand(field);
            case TAGS -> throw new IllegalArgumentException("tags have no order");
        };
    }

    /** A string column (declared COLLATE "C"), or the string at a metadata path in code-point order. */
    private static Operand textOperand(Field field) {
        return field.root() == RecordField.METADATA
                ? new Operand(sql -> MetadataSql.text(sql, field.path()), JsonNode::textValue)
                : column(field, JsonNode::textValue);
    }

    private static Operand column(Field field, Function<JsonNode, Object> binding) {
        return new Operand(sql -> sql.sql(field.root().column), binding);
    }
}
