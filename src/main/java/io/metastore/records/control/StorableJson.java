package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import io.metastore.platform.Violation;
import java.util.List;
import java.util.Map;

/**
 * Finds the JSON values PostgreSQL would refuse or change: strings (and member names) holding U+0000 or unpaired
 * surrogates, and numbers whose text form in PostgreSQL is longer than {@link Json#MAX_NUMBER_LENGTH} characters.
 * PostgreSQL writes a jsonb number out in full ({@code 1e200} becomes 201 digits), and such a number could not be read
 * back under the same limit, so it is refused on the way in. Checking before the write turns a database error into a
 * 400 that names the path.
 */
public final class StorableJson {

    private StorableJson() {
    }

    public static void check(String path, JsonNode value, List<Violation> violations) {
        if (value.isTextual()) {
            checkString(path, value.textValue(), violations);
        } else if (value.isNumber()) {
            if (Json.postgresText(value.decimalValue()).length() > Json.MAX_NUMBER_LENGTH) {
                violations.add(new Violation(path, "PostgreSQL writes this number out with more than "
                        + Json.MAX_NUMBER_LENGTH + " characters; store it as a string"));
            }
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
}
