package io.metastore.search.control.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixRangeTest {

    private static final Pattern CODE_POINT = Pattern.compile("\\{([0-9A-F]+)}");

    /** Code points written as U+XXXX so the edge cases are visible. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            abc,                  abd
            a/,                   a0
            {007F},               {0080}
            {00FF},               {0100}
            a{D7FF},              a{E000}
            a{FFFF},              a{10000}
            a{1F600},             a{1F601}
            a{10FFFF},            b
            a{10FFFF}{10FFFF},    b
            {10FFFF},             none
            '',                   none
            """)
    void successorIsTheLeastStringAfterAllExtensions(String prefix, String successor) {
        assertEquals(Optional.ofNullable(successor).map(PrefixRangeTest::decode),
                PrefixRange.successor(decode(prefix)));
    }

    private static String decode(String text) {
        return CODE_POINT.matcher(text)
                .replaceAll(match -> Character.toString(Integer.parseInt(match.group(1), 16)));
    }
}
