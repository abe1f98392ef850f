package io.metastore.indexes.control;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The JSON type a declared index holds, and the expression that is its first column. Records whose value at the path
 * has another type (or none) are NULL there: they never match a comparison of this type, and a sort reads them
 * apart from the typed ones.
 */
public enum IndexType {
    /** {@link TypedValue#number}, exactly: every JSON number fits a numeric of at most 200 characters. */
    NUMBER("number"),
    /**
     * The first {@link #STRING_PREFIX} characters of {@link TypedValue#text}. A B-tree entry holds at most 2,704 bytes,
     * and a metadata string may be far longer: the whole string would make writes of such a record fail. The prefix
     * (at most 400 bytes) and the key (at most 2,112 bytes: a 63-character namespace, a slash and 512 characters of at
     * most 4 bytes) always fit. In code-point order a prefix never contradicts the whole string's order, so the index
     * narrows comparisons and leads sorts, and the whole string decides among records sharing a prefix.
     */
    STRING("string");

    public static final int STRING_PREFIX = 100;

    public final String jsonName;

    IndexType(String jsonName) {
        this.jsonName = jsonName;
    }

    public static Optional<IndexType> byJsonName(String name) {
        return Arrays.stream(values()).filter(type -> type.jsonName.equals(name)).findFirst();
    }

    /** The index's first column for the metadata value {@code value} writes. */
    public void key(Consumer<String> sql, Runnable value) {
        switch (this) {
            case NUMBER -> TypedValue.number(sql, value);
            case STRING -> {
                sql.accept("left(");
                TypedValue.text(sql, value);
                sql.accept(", " + STRING_PREFIX + ")");
            }
        }
    }

    /** The value of {@link #key} for a string a search compares with: its first {@link #STRING_PREFIX} code points. */
    public static String prefix(String text) {
        int length = text.codePointCount(0, text.length());
        return length <= STRING_PREFIX ? text : text.substring(0, text.offsetByCodePoints(0, STRING_PREFIX));
    }
}
