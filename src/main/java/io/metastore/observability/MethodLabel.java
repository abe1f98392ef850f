package io.metastore.observability;

import io.metastore.platform.HttpMethods;

/**
 * A request method as a metric label and access-log field: one of the methods HTTP defines, or {@code other}. The raw
 * method is chosen by the client, so using it would let anyone mint a new metric series per request.
 */
final class MethodLabel {

    static final String OTHER = "other";

    private MethodLabel() {
    }

    static String of(String method) {
        return HttpMethods.isDefined(method) ? method : OTHER;
    }
}
