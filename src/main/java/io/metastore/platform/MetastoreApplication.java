package io.metastore.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/**
 * The JAX-RS application, at the context root {@code /metastore} (see ibm-web-ext.xml), and the parts of its OpenAPI
 * document that every call shares: the problem answers, the headers and the parameters the resources refer to by name.
 * The build turns these annotations into META-INF/openapi.yaml (smallrye-open-api-maven-plugin), which Liberty serves
 * without scanning the application again.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Metastore", version = "1",
                description = "Persist and search JSON metadata records with tags, owner and auditing. Every answer "
                        + "carries X-Request-Id; every error is an RFC 9457 problem (application/problem+json). "
                        + "Besides the answers listed per operation, a method a path does not serve answers 405 with "
                        + "Allow, and a method HTTP does not define answers 501, both as problems.",
                license = @License(name = "Proprietary", identifier = "LicenseRef-Proprietary")),
        servers = @Server(url = "/metastore", description = "the application's context root on this server"),
        components = @Components(
                responses = {
                        @APIResponse(name = "BadRequest", description = "malformed JSON, an invalid key or value; "
                                + "errors name each offending path", headers = @Header(name = "X-Request-Id",
                                ref = "X-Request-Id"), content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(ref = "Problem"), examples = @ExampleObject(name = "invalid",
                                value = "{\"type\": \"urn:metastore:problem:validation\", \"title\": \"Invalid "
                                        + "request\", \"status\": 400, \"detail\": \"metadata: must be a JSON object\", "
                                        + "\"errors\": [{\"path\": \"metadata\", \"message\": \"must be a JSON "
                                        + "object\"}]}"))),
                        @APIResponse(name = "Unauthorized", description = "no bearer token, or one this service does "
                                + "not trust", headers = {
                                @Header(name = "X-Request-Id", ref = "X-Request-Id"),
                                @Header(name = "WWW-Authenticate", description = "the Bearer challenge",
                                        schema = @Schema(type = SchemaType.STRING))},
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = "Forbidden", description = "the token does not grant the namespace; says "
                                + "nothing about whether the record exists", headers = @Header(name = "X-Request-Id",
                                ref = "X-Request-Id"), content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = "NotFound", description = "no live record under this key",
                                headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = "NotAcceptable", description = "Accept excludes application/json",
                                headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = "Conflict", description = "the body's version is not the record's, the "
                                + "key holds other content, or a concurrent write won; nothing was written",
                                headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = "PreconditionFailed", description = "If-Match or If-None-Match does not "
                                + "hold; nothing was written", headers = @Header(name = "X-Request-Id",
                                ref = "X-Request-Id"), content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(ref = "Problem"), examples = @ExampleObject(name = "stale",
                                value = "{\"type\": \"urn:metastore:problem:precondition-failed\", \"title\": "
                                        + "\"Precondition failed\", \"status\": 412, \"detail\": \"Expected version 1 "
                                        + "but the record is at version 3\"}"))),
                        @APIResponse(name = "PayloadTooLarge", description = "the body is over "
                                + "metastore.max-body-bytes (1 MiB by default), or a bulk holds more than "
                                + "metastore.bulk.max-operations", headers = @Header(name = "X-Request-Id",
                                ref = "X-Request-Id"), content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = "UnsupportedMediaType", description = "the body is not of the media type "
                                + "this call consumes", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = "ServiceUnavailable", description = "the database cannot be reached, a "
                                + "search ran past its time limit, or Metastore is switched off on this server",
                                headers = {@Header(name = "X-Request-Id", ref = "X-Request-Id"),
                                        @Header(name = "Retry-After", ref = "Retry-After")},
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
                },
                headers = {
                        @Header(name = "X-Request-Id", required = true, schema = @Schema(type = SchemaType.STRING),
                                description = "the caller's X-Request-Id when it is 1 to 128 printable ASCII "
                                        + "characters, else a fresh UUID; the access log records it"),
                        @Header(name = "ETag", required = true, schema = @Schema(type = SchemaType.STRING,
                                examples = "\"3\""), description = "the record's version as a strong entity tag"),
                        @Header(name = "Location", required = true, schema = @Schema(type = SchemaType.STRING,
                                format = "uri"), description = "the created record's URI"),
                        @Header(name = "Retry-After", required = true, schema = @Schema(type = SchemaType.INTEGER,
                                examples = "5"), description = "seconds to wait before trying again")
                },
                parameters = {
                        @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(
                                type = SchemaType.STRING), example = "\"1\"", description = "write only when the "
                                + "record's ETag is one of these strong entity tags (or * for any existing record); "
                                + "else 412"),
                        @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, schema = @Schema(
                                type = SchemaType.STRING), example = "\"1\"", description = "GET: 304 when the "
                                + "record's ETag is one of these (weak comparison); writes: 412 when it is, or when "
                                + "the value is * and the record exists"),
                        @Parameter(name = "X-Request-Id", in = ParameterIn.HEADER, schema = @Schema(
                                type = SchemaType.STRING, maxLength = 128), example = "checkout-7f3a",
                                description = "the caller's correlation id, echoed in the answer and the access log")
                }))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "RS256 service token; namespace grants in the groups claim (<ns>:read, <ns>:write, *:read, *:write)")
public class MetastoreApplication extends Application {
}
