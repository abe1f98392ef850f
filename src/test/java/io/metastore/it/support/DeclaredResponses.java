package io.metastore.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The answers the OpenAPI document declares, checked against every answer the integration tests observe: {@link Api},
 * the client they share, hands each one to {@link #requireDeclared}, so a status or content type the document does not
 * declare for that operation fails the test that saw it ({@link RawHttp} sends only methods the document declares
 * nowhere). The document is the one the build generated from the
 * annotations (target/openapi.yaml), which PlatformIT shows is the one the server serves. Calls outside the document
 * (/health, /metrics, another application) and methods a path does not declare (405, 501, HEAD, OPTIONS, which the
 * document's description covers) are not checked.
 */
public final class DeclaredResponses {

    private static final File DOCUMENT = new File("target/openapi.yaml");
    private static final DeclaredResponses INSTANCE = load();

    private final JsonNode document;
    private final String contextRoot;
    private final List<Route> routes = new ArrayList<>();

    private DeclaredResponses(JsonNode document) {
        this.document = document;
        this.contextRoot = document.path("servers").path(0).path("url").asText();
        // literal paths first: /records/search is not the key "search" (OpenAPI's matching rule)
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().contains("{")) {
                routes.add(new Route(path.getKey(), Pattern.compile(Pattern.quote(path.getKey())), path.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().contains("{")) {
                routes.add(new Route(path.getKey(), template(path.getKey(), path.getValue()), path.getValue()));
            }
        }
    }

    public static DeclaredResponses document() {
        return INSTANCE;
    }

    /** The document as the build wrote it. */
    public JsonNode tree() {
        return document;
    }

    /**
     * Fails when the document declares the operation at {@code uri} but not this status, or not this content type for
     * it. {@code contentType} may carry parameters ({@code ; charset=UTF-8}) and is null for an answer without a body.
     */
    public static void requireDeclared(String method, URI uri, int status, String contentType) {
        INSTANCE.violation(method, uri, status, contentType).ifPresent(violation -> {
            throw new AssertionError(violation);
        });
    }

    Optional<String> violation(String method, URI uri, int status, String contentType) {
        String path = uri.getRawPath();
        if (!path.startsWith(contextRoot + "/")) {
            return Optional.empty();
        }
        String inApplication = path.substring(contextRoot.length());
        Optional<Route> route = routes.stream().filter(r -> r.pattern().matcher(inApplication).matches()).findFirst();
        JsonNode operation = route.map(r -> r.item().path(method.toLowerCase(Locale.ROOT))).orElse(null);
        if (operation == null || operation.isMissingNode()) {
            return Optional.empty();
        }
        String call = method + " " + route.get().template() + " answered " + status
                + (contentType == null ? "" : " " + contentType);
        JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            return Optional.of(call + ", a status /openapi does not declare for it (declared: "
                    + names(operation.path("responses")) + ")");
        }
        JsonNode content = response.path("content");
        if (contentType == null) {
            return Optional.empty();
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            return Optional.of(call + ", a content type /openapi does not declare for " + status + " (declared: "
                    + names(content) + ")");
        }
        return Optional.empty();
    }

    private JsonNode resolve(JsonNode node) {
        String reference = node.path("$ref").asText("");
        if (reference.isEmpty()) {
            return node;
        }
        JsonNode target = document;
        for (String part : reference.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    /** A path template as a pattern: each parameter matches what its schema's pattern allows, else one segment. */
    private static Pattern template(String template, JsonNode item) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            if (part.startsWith("{")) {
                String name = part.substring(1, part.length() - 1);
                regex.append('(').append(parameterPattern(item, name)).append(')');
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String parameterPattern(JsonNode item, String name) {
        for (Map.Entry<String, JsonNode> operation : item.properties()) {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                if (name.equals(parameter.path("name").asText()) && "path".equals(parameter.path("in").asText())) {
                    return parameter.path("schema").path("pattern").asText("[^/]+");
                }
            }
        }
        return "[^/]+";
    }

    private static DeclaredResponses load() {
        try {
            return new DeclaredResponses(new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT));
        } catch (IOException e) {
            throw new UncheckedIOException("the build writes " + DOCUMENT + " (process-classes); run mvn verify", e);
        }
    }

    private record Route(String template, Pattern pattern, JsonNode item) {
    }
}
