package io.metastore.search.control.sql;

import java.util.Optional;

/**
 * A string prefix as a half-open range [prefix, successor). Under byte order (COLLATE "C" on UTF-8, which is code
 * point order) the strings starting with the prefix are exactly those in the range, and a B-tree can scan a range,
 * whereas it cannot scan {@code LIKE} with a parameter under a generic plan.
 */
final class PrefixRange {

    private PrefixRange() {
    }

    /**
     * The least string greater than every string starting with {@code prefix}: the prefix with its last code point
     * that can grow incremented and what follows dropped. Empty when every code point is U+10FFFF (no upper bound).
     */
    static Optional<String> successor(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            if (codePoints[i] < Character.MAX_CODE_POINT) {
                int next = codePoints[i] + 1;
                // surrogates are not characters: the code point after U+D7FF is U+E000
                if (next == Character.MIN_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                return Optional.of(new String(codePoints, 0, i) + Character.toString(next));
            }
        }
        return Optional.empty();
    }
}
