package io.metastore.platform;

import java.util.regex.Pattern;

/** Whole-number query parameters ({@code limit}, {@code wait}, ...): plain decimal digits within bounds, or a 400. */
public final class QueryNumbers {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private QueryNumbers() {
    }

    /** The parameter's value; a 400 naming the parameter when it is not a whole number from {@code min} to {@code max}. */
    public static long parse(String name, String text, long min, long max) {
        if (text != null && DIGITS.matcher(text).matches()) {
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException beyondLong) {
                // 19 digits may still exceed a long: refused below like any other value out of bounds
            }
        }
        throw Failure.invalid(name, "must be a whole number from " + min + " to " + max);
    }
}
