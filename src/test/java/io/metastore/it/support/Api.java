package io.metastore.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small HTTP client for the black-box tests: every call goes over the wire to the real Liberty server, and every
 * answer must be one the OpenAPI document declares ({@link DeclaredResponses}).
 */
public final class Api {

    // HTTP/1.1, not the JDK's default h2c upgrade: over HTTP/2, Liberty 26.0.0.3 wedged a fresh server under four
    // concurrent writers (every executor thread parked in H2WriteQEntry.waitWriteCompleteLatch, no answer for minutes)
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;
    /** Whether every answer is held to the OpenAPI document. */
    private final boolean declared;

    public Api(URL base, String token) {
        this(URI.create(base.toString().endsWith("/") ? base.toString() : base + "/"), token, true);
    }

    private Api(URI base, String token, boolean declared) {
        this.base = base;
        this.token = token;
        this.declared = declared;
    }

    /** The same server as another caller. */
    public Api as(String otherToken) {
        return new Api(base, otherToken, declared);
    }

    /**
     * The same server and caller, for requests that Liberty's web container answers itself before Metastore sees them
     * (a path it refuses, docs/limits.md): those answers are not the application's, so they are not checked against
     * the OpenAPI document.
     */
    public Api refusedByContainer() {
        return new Api(base, token, false);
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Reply post(String path, String json, String... headers) {
        return send("POST", path, "application/json", json, headers);
    }

    public Reply put(String path, String json, String... headers) {
        return send("PUT", path, "application/json", json, headers);
    }

    public Reply patch(String path, String json, String... headers) {
        return send("PATCH", path, "application/merge-patch+json", json, headers);
    }

    public Reply delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /** Any call; headers are name/value pairs. The path is relative to the application root. */
    public Reply send(String method, String path, String contentType, String body, String... headers) {
        return exchange(method, path, contentType, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    /** A call whose body is raw bytes, which need not be valid UTF-8 (or JSON). */
    public Reply sendBytes(String method, String path, String contentType, byte[] body, String... headers) {
        return exchange(method, path, contentType, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /**
     * A call whose body is streamed with {@code Transfer-Encoding: chunked}, announcing no {@code Content-Length}, so
     * the server learns the body's size only while reading it.
     */
    public Reply sendChunked(String method, String path, String contentType, byte[] body, String... headers) {
        return exchange(method, path, contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)), headers);
    }

    private Reply exchange(String method, String path, String contentType, HttpRequest.BodyPublisher body,
                           String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (declared) {
                DeclaredResponses.requireDeclared(method, response.uri(), response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null));
            }
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** For a server root: waits until /health/ready answers 200, or the time is up. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("health/ready").status() == 200) {
                    return true;
                }
            } catch (IllegalStateException notListeningYet) {
                // the HTTP endpoint opens some time after the server process starts
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** An HTTP answer with conveniences for assertions. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public List<String> errorPaths() {
            List<String> paths = new ArrayList<>();
            json().path("errors").forEach(e -> paths.add(e.path("path").asText()));
            return paths;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
