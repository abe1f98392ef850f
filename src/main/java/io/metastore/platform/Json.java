package io.metastore.platform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.core.JsonFactory;
import java.math.BigDecimal;

/**
 * The one Jackson configuration of the service. Numbers are read exactly (no double rounding, no Infinity), duplicate
 * object members are an error rather than a silent "last one wins", and nesting is bounded so a hostile body cannot
 * exhaust the stack.
 */
public final class Json {

    /** Deeper JSON than this is refused while parsing (records rarely nest past a handful of levels). */
    public static final int MAX_NESTING_DEPTH = 128;
    /** Longest number literal accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 200;

    public static final ObjectMapper MAPPER = createMapper();

    private Json() {
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                // String.intern of every new member name: a 1 MiB object of small members (95,000 names) took three
                // times as long to read with it (docs/limits.md)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // decimals as PostgreSQL writes them (0.00000000015, never 1.5E-10), so an answer equals a later read
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                // the container owns the request and response streams
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .build();
    }

    /**
     * A number as PostgreSQL's numeric writes it: every digit, no exponent, and the decimal places the literal had
     * ({@code 1.50} stays {@code 1.50}; {@code 1e2} is {@code 100}; {@code 1.5e-10} is {@code 0.00000000015}).
     */
    public static String postgresText(BigDecimal number) {
        return (number.scale() < 0 ? number.setScale(0) : number).toPlainString();
    }

    /**
     * The length of {@link #postgresText}, worked out from the digits and the scale without writing the text: for a
     * short literal such as {@code 1e99999999} that text has a hundred million characters, and building it cost
     * seconds of CPU for a number that is refused anyway.
     */
    public static long postgresTextLength(BigDecimal number) {
        long scale = number.scale();
        if (number.signum() == 0) {
            return scale > 0 ? scale + 2 : 1;
        }
        long sign = number.signum() < 0 ? 1 : 0;
        long digits = number.precision();
        if (scale <= 0) {
            return sign + digits - scale;
        }
        return sign + (digits > scale ? digits + 1 : scale + 2);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
