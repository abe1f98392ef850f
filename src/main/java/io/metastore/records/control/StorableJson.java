package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Finds the JSON values PostgreSQL would refuse or silently change: strings (and member names) holding U+0000 or
 * unpaired surrogates, and numbers outside the range of {@code numeric}. Checking before the write turns a database
 * error into a 400 that names the path.
 */
public final class StorableJson {

    /** PostgreSQL numeric: up to 131072 digits before the decimal point and 16383 after. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;

    private StorableJson() {
    }

    public static void check(String path, JsonNode value, List<Violation> violations) {
        if (value.isTextual()) {
            checkString(path, value.textValue(), violations);
        } else if (value.isNumber()) {
            checkNumber(path, value.decimalValue(), violations);
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(path + "[" + i + "]", value.get(i), violations);
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                String memberPath = path + "." + member.getKey();
                checkString(memberPath, member.getKey(), violations);
                check(memberPath, member.getValue(), violations);
            }
        }
    }

    public static void checkString(String path, String text, List<Violation> violations) {
        String problem = stringProblem(text);
        if (problem != null) {
            violations.add(new Violation(path, problem));
        }
    }

    /** Why PostgreSQL cannot store this text unchanged, or null when it can. */
    public static String stringProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "PostgreSQL cannot store the character U+0000";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "the text holds an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    private static void checkNumber(String path, BigDecimal number, List<Violation> violations) {
        int integerDigits = number.precision() - number.scale();
        if (integerDigits > MAX_INTEGER_DIGITS || number.scale() > MAX_FRACTION_DIGITS) {
            violations.add(new Violation(path, "the number is outside the range PostgreSQL can store"));
        }
    }
}
