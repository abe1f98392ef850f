package io.metastore.platform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid part of a request: where it is (a JSON path such as {@code filter.and[2].op}) and why. */
@Schema(name = "Violation", requiredProperties = {"path", "message"})
public record Violation(@Schema(examples = "filter.and[2].op") String path,
                        @Schema(examples = "unknown operator 'like'") String message) {
}
