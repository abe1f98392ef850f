package io.metastore.search.control.query;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators of the search language, by the names requests use. */
public enum Operator {
    EQ("eq"), NEQ("neq"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), BETWEEN("between"), IN("in"),
    CONTAINS("contains"), STARTS_WITH("starts_with"), HAS_KEY("has_key"), ARRAY_CONTAINS("array_contains"),
    EXISTS("exists");

    public final String jsonName;

    Operator(String jsonName) {
        this.jsonName = jsonName;
    }

    public static Optional<Operator> byJsonName(String name) {
        return Arrays.stream(values()).filter(o -> o.jsonName.equals(name)).findFirst();
    }
}
