package io.metastore.records.boundary;

import io.metastore.records.control.WriteOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * How a write's outcome reads in HTTP, for the single-record calls and for each bulk operation alike (a bulk
 * operation answers the status its single-record call would), and where a record lives.
 */
public final class RecordAnswers {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RecordAnswers() {
    }

    public static int status(WriteOutcome outcome) {
        return switch (outcome) {
            case CREATED, REVIVED -> 201;
            case UPDATED, UNCHANGED -> 200;
            case DELETED -> 204;
        };
    }

    /**
     * The record's URI under {@code base} (the application's root): each segment of the key percent-encoded byte by
     * byte, so that every valid key round-trips, {@code {x}} and {@code %2F} included (a URI template would read the
     * first as a parameter and keep the second as a slash).
     */
    static URI location(URI base, String key) {
        StringBuilder path = new StringBuilder(base.toString());
        if (path.charAt(path.length() - 1) != '/') {
            path.append('/');
        }
        path.append("records");
        for (String segment : key.split("/", -1)) {
            path.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                    path.append(c);
                } else {
                    path.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
        }
        return URI.create(path.toString());
    }
}
