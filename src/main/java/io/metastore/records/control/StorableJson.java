package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import io.metastore.platform.Violation;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds the JSON values PostgreSQL would refuse or change: strings (and member names) holding U+0000 or unpaired
 * surrogates, and numbers whose text form in PostgreSQL is longer than {@link Json#MAX_NUMBER_LENGTH} characters.
 * PostgreSQL writes a jsonb number out in full ({@code 1e200} becomes a 1 and two hundred zeros), and such a number
 * could not be read back under the same limit, so it is refused on the way in. Checking before the write turns a
 * database error into a violation that names the path.
 */
public final class StorableJson {

    private StorableJson() {
    }

    public static void check(String path, JsonNode value, List<Violation> violations) {
        check(value, () -> path, violations);
    }

    /**
     * @param path where {@code value} stands; built only for a violation, since building it for every member of a
     *             large document (a 1 MiB object has 95,000) cost more than the checks themselves
     */
    private static void check(JsonNode value, Supplier<String> path, List<Violation> violations) {
        if (value.isTextual()) {
            String problem = stringProblem(value.textValue());
            if (problem != null) {
                violations.add(new Violation(path.get(), problem));
            }
        } else if (value.isNumber()) {
            // a long has at most 20 characters; only decimals and big integers can grow past the limit
            if (!(value.isIntegralNumber() && value.canConvertToLong())) {
                if (Json.postgresTextLength(value.decimalValue()) > Json.MAX_NUMBER_LENGTH) {
                    violations.add(new Violation(path.get(), "PostgreSQL writes this number out with more than "
                            + Json.MAX_NUMBER_LENGTH + " characters; store it as a string"));
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                int index = i;
                check(value.get(i), () -> path.get() + "[" + index + "]", violations);
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                Supplier<String> memberPath = () -> path.get() + "." + member.getKey();
                String problem = stringProblem(member.getKey());
                if (problem != null) {
                    violations.add(new Violation(memberPath.get(), problem));
                }
                check(member.getValue(), memberPath, violations);
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
}
