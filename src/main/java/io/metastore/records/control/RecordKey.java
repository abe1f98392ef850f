package io.metastore.records.control;

import io.metastore.platform.Failure;
import java.util.regex.Pattern;

/**
 * A record's identity, {@code <namespace>/<name>}. The namespace is the first segment and the unit of authorization;
 * the name may contain further slashes but no whitespace or control characters, and none of its {@code /}-separated
 * segments may be empty, {@code .} or {@code ..}: HTTP clients normalise such paths, so the key could not be addressed.
 */
public record RecordKey(String namespace, String name) {

    public static final int MAX_NAME_LENGTH = 512;
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

    public static RecordKey parse(String path, String key) {
        if (key == null || key.isEmpty()) {
            throw Failure.invalid(path, "a key is required");
        }
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw Failure.invalid(path, "a key has the form <namespace>/<name>");
        }
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        if (!isValidNamespace(namespace)) {
            throw Failure.invalid(path, "the namespace must match " + NAMESPACE.pattern());
        }
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            throw Failure.invalid(path, nameProblem);
        }
        return new RecordKey(namespace, name);
    }

    public static boolean isValidNamespace(String namespace) {
        return NAMESPACE.matcher(namespace).matches();
    }

    /** Why {@code name} cannot be a record's name, or null when it can. */
    public static String nameProblem(String name) {
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME_LENGTH) {
            return "the name must be 1 to " + MAX_NAME_LENGTH + " characters long";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                    || (Character.isBmpCodePoint(cp) && Character.isSurrogate((char) cp))) {
                return "the name must not contain whitespace, control or unpaired surrogate characters";
            }
            i += Character.charCount(cp);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "no /-separated segment of the name may be empty, '.' or '..'";
            }
        }
        return null;
    }

    public String value() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return value();
    }
}
