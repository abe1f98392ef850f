package io.metastore.observability;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.regex.Pattern;

/**
 * The route a request matched, as written in the resource's {@code @Path} annotations ({@code /records/{key}}), never
 * the raw path: a metric label or log field per key would grow without bound and leak record names.
 */
final class RouteTemplate {

    static final String UNMATCHED = "unmatched";
    /** {@code {key: .+}} becomes {@code {key}}: the regular expression is routing detail, not part of the name. */
    private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*([^:}\\s]+)\\s*:[^}]*}");

    private RouteTemplate() {
    }

    static String of(ResourceInfo matched) {
        Method method = matched == null ? null : matched.getResourceMethod();
        if (method == null) {
            return UNMATCHED;
        }
        String template = segment(matched.getResourceClass()) + segment(method);
        return PARAMETER_REGEX.matcher(template.isEmpty() ? "/" : template).replaceAll("{$1}");
    }

    private static String segment(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        if (path == null) {
            return "";
        }
        String value = path.value().replaceAll("^/+|/+$", "");
        return value.isEmpty() ? "" : "/" + value;
    }
}
