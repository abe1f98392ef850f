package io.metastore.platform;

/** One invalid part of a request: where it is (a JSON path such as {@code filter.and[2].op}) and why. */
public record Violation(String path, String message) {
}
