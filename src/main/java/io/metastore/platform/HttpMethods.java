package io.metastore.platform;

import java.util.Set;

/**
 * The request methods HTTP defines: RFC 9110's eight and RFC 5789's PATCH. Method names are case-sensitive, so
 * {@code get} is not one of them. Anything else is a method nobody implements, which answers 501, and never a value
 * worth its own metric series.
 */
public final class HttpMethods {

    public static final Set<String> DEFINED = Set.of(
            "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private HttpMethods() {
    }

    public static boolean isDefined(String method) {
        return DEFINED.contains(method);
    }
}
