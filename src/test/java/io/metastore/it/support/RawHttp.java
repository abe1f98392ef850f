package io.metastore.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests Java's HttpClient refuses to send (it rejects some method names) and that
 * a hostile client sends anyway. One request per connection ({@code Connection: close}); the answer is read to the end.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code method path} to the server at {@code base}; headers are name/value pairs. */
    public static Api.Reply send(URL base, String method, String path, String... headers) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static Api.Reply parse(byte[] answer) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("no complete HTTP answer: " + text);
        }
        String[] head = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            fields.computeIfAbsent(head[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(head[i].substring(colon + 1).trim());
        }
        HttpHeaders parsed = HttpHeaders.of(fields, (name, value) -> true);
        byte[] body = java.util.Arrays.copyOfRange(answer, headEnd + 4, answer.length);
        boolean chunked = parsed.firstValue("Transfer-Encoding").map("chunked"::equalsIgnoreCase).orElse(false);
        byte[] content = chunked ? dechunk(new java.io.ByteArrayInputStream(body)) : body;
        return new Api.Reply(status, parsed, new String(content, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            StringBuilder sizeLine = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    return content.toByteArray();
                }
                sizeLine.append((char) c);
            }
            int size = Integer.parseInt(sizeLine.toString().trim().split(";")[0], 16);
            if (size == 0) {
                return content.toByteArray();
            }
            content.write(in.readNBytes(size));
            in.readNBytes(2);
        }
    }
}
