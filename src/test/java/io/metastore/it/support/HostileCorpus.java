package io.metastore.it.support;

import io.metastore.search.control.query.Filter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A deterministic corpus of malformed and adversarial requests against every {@code /records} call. The same seed
 * always yields the same requests, so a failure found once can be replayed. Every request is built to be refused:
 * none may change a row, whatever the service answers.
 */
public final class HostileCorpus {

    /** Which form a correct refusal takes. */
    public enum Answer {
        /** a 4xx application/problem+json */
        PROBLEM,
        /** a 4xx bulk answer whose results carry each operation's status and problem (the bulk contract) */
        BULK_RESULTS,
        /**
         * Liberty's own 400 for a path with a percent-encoded C0 control character or DEL. With servlet-6.0 its web
         * container canonicalizes the decoded path (RequestUtils.canonicalizeURI) inside WebContainer.handleRequest and
         * on a control character writes its own page (WebContainer.sendBadRequestResponse: "CWWWC0005I: ...", HTML,
         * or {"error_message": ...} for a JSON Content-Type or Accept) and returns before it dispatches the request to
         * the application: no error page, filter or listener of the application runs, and in Open Liberty 26.0.0.3 no
         * configuration property switches the check off or hands the answer to the application
         */
        CONTAINER_400
    }

    private static final java.util.regex.Pattern ENCODED_CONTROL = java.util.regex.Pattern.compile(
            "%(?:[01][0-9A-Fa-f]|7[Ff])");

    /** Who sends the request. */
    public enum Caller { WRITER, ANONYMOUS, FOREIGN, GARBAGE_TOKEN }

    public record Request(String category, Caller caller, String method, String path, String contentType,
                          byte[] body, List<String> headers, Answer answer) {

        public String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return category + " " + caller + " " + method + " " + abbreviate(path, 160) + " [" + contentType + "] "
                    + abbreviate(text, 240);
        }
    }

    private static final String OVERSIZED_FILLER = "x".repeat(1024 * 1024);
    private static final String[] SQL_PATHS = {
        "metadata.a'); DROP TABLE x;--", "metadata.a' OR '1'='1", "metadata.a\"; DELETE FROM metastore_records;--",
        "metadata->>'a'", "metadata.a;SELECT pg_sleep(10)", "key; DROP TABLE metastore.metastore_records",
        "metadata.$.a", "metadata.a[*]", "metadata..a", "metadata.", "metadata.a.", "metadata.a/**/b",
        "metadata['a']", "metadata.a\\", "metadata.a b", "metadata.a;--", "version::text", "(key)",
        "metadata.a\u0000", "tags.a", "owner.name", "METADATA.a", "metadata.a%27", "metadata.ä"};
    private static final String[] HUGE_NUMBERS = {"1e999999", "-1e999999", "1E+999999", "1e-999999", "9.99e999999",
        "-0.5e-999999", "1" + "0".repeat(399), "-" + "9".repeat(400), "0." + "0".repeat(400) + "1",
        "1" + "2".repeat(250) + ".5"};
    private static final String[] STRING_FIELDS = {"key", "namespace", "owner", "createdBy", "updatedBy"};
    private static final String[] TIME_FIELDS = {"createdAt", "updatedAt", "deletedAt"};
    private static final String[] OPS = {"eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "contains",
        "starts_with", "has_key", "array_contains", "exists"};
    private static final String[] BAD_CONTENT_TYPES = {"text/plain", "application/xml", "text/json", "image/png",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
        "application/merge-patch+json", "application/", "json", ";", "a/b/c", "application/json-patch+json", ""};

    private final Random random;
    private final String ns;
    private final String existing;
    private int serial;

    private HostileCorpus(long seed, String ns, String existing) {
        this.random = new Random(seed);
        this.ns = ns;
        this.existing = existing;
    }

    /**
     * @param ns a namespace the WRITER may write
     * @param existing the key of a live record in it, at version 1
     */
    public static List<Request> generate(long seed, int count, String ns, String existing) {
        return new HostileCorpus(seed, ns, existing).all(count);
    }

    private List<Request> all(int count) {
        List<Supplier<Request>> categories = List.of(this::truncated, this::brokenSyntax, this::deepNesting,
                this::hugeNumber, this::longKey, this::controlCharacters, this::sqlLookingPath, this::wrongFilterType,
                this::filterTooDeep, this::badSearchShape, this::wrongRecordShape, this::badPrecondition,
                this::wrongContentType, this::badBulkRequest, this::badBulkOperation, this::badCaller,
                this::hostilePath);
        List<Request> requests = new ArrayList<>(count);
        for (String endpoint : List.of("create", "put", "patch", "search", "bulk")) {
            requests.add(oversized(endpoint)); // a few only: each is a megabyte on the wire
        }
        for (int i = 0; requests.size() < count; i++) {
            requests.add(categories.get(i % categories.size()).get());
        }
        return requests;
    }

    // ---- the categories ----

    private Request truncated() {
        String endpoint = pick("create", "put", "patch", "search", "bulk");
        String body = validBody(endpoint);
        return withBody("truncated-json", endpoint, body.substring(0, 1 + random.nextInt(body.length() - 1)));
    }

    private Request brokenSyntax() {
        String endpoint = pick("create", "put", "patch", "search", "bulk");
        String body = validBody(endpoint);
        String inner = body.substring(1, body.length() - 1);
        byte[] broken = switch (random.nextInt(12)) {
            case 0 -> utf8(body.substring(0, body.length() - 1) + ",}");
            case 1 -> utf8(body.replace('"', '\''));
            case 2 -> utf8("{/*comment*/" + inner + "}");
            case 3 -> utf8(body + pick(" x", "}", "{}", " 1", "[]", ","));
            case 4 -> utf8("{" + inner + "," + inner + "}"); // every member twice
            case 5 -> utf8(body.replaceFirst("\\{\"", "{\"nan\":" + pick("NaN", "Infinity", "-Infinity", "undefined")
                    + ",\""));
            case 6 -> utf8(body.replaceAll("\"([a-z]+)\":", "$1:"));
            case 7 -> randomBytes(1 + random.nextInt(300));
            case 8 -> { // bytes that are no UTF-8 at all, inside a string value
                int at = body.indexOf(":{") + 2;
                yield concat(utf8(body.substring(0, at) + "\"s\":\""), pickBytes(new byte[] {(byte) 0xC3, 0x28},
                        new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}),
                        utf8("\"," + body.substring(at)));
            }
            case 9 -> utf8(pick("", " ", "\n\t", "\u0000"));
            case 10 -> utf8(body.replaceFirst(":\\{", ":{\"n\":" + pick("0x10", "012", "+1", ".5", "1.", "1e", "--1",
                    "1_000") + ","));
            default -> utf8(body.replaceFirst("\"([a-z]+)\"", "\"$1\u0001\"")); // a raw control character in a string
        };
        return new Request("broken-json", Caller.WRITER, method(endpoint), path(endpoint), contentType(endpoint),
                broken, List.of(), Answer.PROBLEM);
    }

    private Request deepNesting() {
        String endpoint = pick("create", "put", "patch", "search", "bulk");
        int depth = 129 + random.nextInt(2000);
        String open = random.nextBoolean() ? "{\"a\":" : "[";
        String close = open.equals("[") ? "]" : "}";
        String deep = open.repeat(depth) + "1" + close.repeat(depth);
        String body = switch (endpoint) {
            case "search" -> "{\"filter\":{\"field\":\"metadata.a\",\"op\":\"contains\",\"value\":" + deep + "}}";
            case "bulk" -> "{\"operations\":[{\"op\":\"create\",\"key\":\"" + newKey() + "\",\"metadata\":{\"d\":"
                    + deep + "}}]}";
            case "create" -> "{\"key\":\"" + newKey() + "\",\"metadata\":{\"d\":" + deep + "}}";
            default -> "{\"metadata\":{\"d\":" + deep + "}}";
        };
        return withBody("deep-nesting", endpoint, body);
    }

    private Request hugeNumber() {
        String endpoint = pick("create", "put", "patch", "search", "search", "bulk");
        String number = pick(HUGE_NUMBERS);
        String body = switch (endpoint) {
            case "search" -> random.nextBoolean() ? "{\"limit\":" + number + "}"
                    : "{\"filter\":{\"field\":\"" + pick("metadata.size", "version") + "\",\"op\":\""
                    + pick("eq", "gt", "lte", "neq") + "\",\"value\":" + number + "}}";
            case "bulk" -> "{\"operations\":[{\"op\":\"upsert\",\"key\":\"" + existing + "\",\"metadata\":{\"n\":"
                    + number + "}}]}";
            case "create" -> "{\"key\":\"" + newKey() + "\",\"metadata\":{\"n\":" + number + "}}";
            case "put" -> random.nextBoolean() ? "{\"metadata\":{\"n\":" + number + "}}"
                    : "{\"metadata\":{},\"version\":" + number + "}";
            default -> "{\"metadata\":{\"n\":{\"m\":" + number + "}}}";
        };
        // a literal too long for the parser fails the whole request, even a bulk one
        Answer answer = endpoint.equals("bulk") && number.length() <= 200 ? Answer.BULK_RESULTS : Answer.PROBLEM;
        return withBody("huge-number", endpoint, body, answer);
    }

    private Request longKey() {
        String key = random.nextBoolean() ? ns + "/" + "k".repeat(513 + random.nextInt(2500))
                : "n".repeat(64 + random.nextInt(200)) + "/x";
        String endpoint = pick("create", "put", "patch", "get", "delete", "bulk", "search");
        return switch (endpoint) {
            case "create" -> withBody("long-key", endpoint, "{\"key\":\"" + key + "\",\"metadata\":{}}");
            case "bulk" -> withBody("long-key", endpoint, "{\"operations\":[{\"op\":\"upsert\",\"key\":\"" + key
                    + "\",\"metadata\":{}}]}", Answer.BULK_RESULTS);
            case "search" -> withBody("long-key", endpoint, "{\"filter\":{\"field\":\"metadata."
                    + (random.nextBoolean() ? "s".repeat(129 + random.nextInt(1000)) : "a.".repeat(17) + "a")
                    + "\",\"op\":\"exists\"}}");
            default -> onKey("long-key", endpoint, key, "{\"metadata\":{}}");
        };
    }

    private Request controlCharacters() {
        String bad = pick("\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u009f", "\t", "\n", "\r", " ",
                "\u00a0", "\u2028", "\u3000", "\u200b\u0000");
        String endpoint = pick("create", "put", "patch", "get", "delete", "bulk", "put", "patch", "search");
        if (random.nextBoolean() && !endpoint.equals("search")) {
            String key = ns + "/a" + bad + "b";
            return switch (endpoint) {
                case "create" -> withBody("control-chars", endpoint, "{\"key\":" + quote(key) + ",\"metadata\":{}}");
                case "bulk" -> withBody("control-chars", endpoint, "{\"operations\":[{\"op\":\"create\",\"key\":"
                        + quote(key) + ",\"metadata\":{}}]}", Answer.BULK_RESULTS);
                default -> onKey("control-chars", endpoint, key, "{\"metadata\":{}}");
            };
        }
        // PostgreSQL stores neither U+0000 nor an unpaired surrogate, in any string of a record or a filter
        String unstorable = pick("a\u0000b", "\u0000", "\ud800", "x\udfffy", "\udbff\u0000");
        String content = switch (random.nextInt(4)) {
            case 0 -> "\"metadata\":{\"s\":" + quote(unstorable) + "}";
            case 1 -> "\"metadata\":{" + quote("k" + unstorable) + ":1}";
            case 2 -> "\"metadata\":{},\"tags\":[\"ok\"," + quote(unstorable) + "]";
            default -> "\"metadata\":{},\"owner\":" + quote(unstorable);
        };
        return switch (endpoint) {
            case "create" -> withBody("control-chars", endpoint, "{\"key\":\"" + newKey() + "\"," + content + "}");
            case "bulk" -> withBody("control-chars", endpoint, "{\"operations\":[{\"op\":\"upsert\",\"key\":\""
                    + existing + "\"," + content + "}]}", Answer.BULK_RESULTS);
            case "search" -> withBody("control-chars", endpoint, "{\"filter\":{\"field\":\"" + pick("metadata.s",
                    "key", "owner", "metadata") + "\",\"op\":\"" + pick("eq", "contains") + "\",\"value\":"
                    + (random.nextBoolean() ? quote(unstorable) : "{" + quote(unstorable) + ":1}") + "}}");
            case "get", "delete" -> onKey("control-chars", endpoint, ns + "/a" + bad, null);
            default -> onKey("control-chars", endpoint, existing, "{" + content + "}");
        };
    }

    private Request sqlLookingPath() {
        String sql = pick(SQL_PATHS);
        String endpoint = pick("search", "search", "search", "get", "delete", "patch", "create", "put");
        return switch (endpoint) {
            case "search" -> withBody("sql-path", endpoint, switch (random.nextInt(3)) {
                case 0 -> "{\"filter\":{\"field\":" + quote(sql) + ",\"op\":\"eq\",\"value\":1}}";
                case 1 -> "{\"fields\":[\"key\"," + quote(sql) + "]}";
                default -> "{\"sort\":[{\"field\":" + quote(sql) + ",\"direction\":\"desc\"}]}";
            });
            // without spaces such a name is a valid key that does not exist: 404
            case "get", "delete", "patch" -> onKey("sql-path", endpoint, ns + "/x');DROP/**/TABLE/**/metastore_records;--"
                    + serial++, "{\"metadata\":{}}");
            // with spaces it is no key at all: 400
            default -> endpoint.equals("create")
                    ? withBody("sql-path", endpoint, "{\"key\":" + quote(ns + "/a'); DROP TABLE x;--")
                    + ",\"metadata\":{}}")
                    : onKey("sql-path", endpoint, ns + "/a' OR '1'='1", "{\"metadata\":{}}");
        };
    }

    private Request wrongFilterType() {
        String field = pick(pick(STRING_FIELDS), pick(TIME_FIELDS), "version", "tags", "metadata", "metadata.size");
        String op = pick(OPS);
        String value = wrongValue(field, op);
        String comparison = "{\"field\":\"" + field + "\",\"op\":\"" + op + "\"" + (value == null ? "" : ",\"value\":"
                + value) + "}";
        return withBody("filter-type", "search", "{\"filter\":" + withinCombinators(comparison) + "}");
    }

    private Request filterTooDeep() {
        // 33 or more and/or/not levels around one comparison: past the filter limit (32 levels, the comparison does not
        // count), still below the JSON nesting limit
        int depth = 34 + random.nextInt(89);
        return withBody("filter-depth", "search", "{\"filter\":" + balanced(depth) + "}");
    }

    private Request badSearchShape() {
        String body = switch (random.nextInt(9)) {
            case 0 -> "{\"limit\":" + pick("0", "1001", "-1", "\"x\"", "1.5", "true", "[]", "{}", "2147483648",
                    "-2147483649", "\"50\"", "1e3", "99999999999999999999") + "}";
            case 1 -> "{\"fields\":" + pick("\"key\"", "[1]", "[\"nope\"]", "{}", "[[\"key\"]]", "[null]") + "}";
            case 2 -> "{\"sort\":" + pick("\"key\"", "[1]", "[{\"field\":\"key\",\"direction\":\"up\"}]",
                    "[{\"field\":\"tags\"}]", "[{\"field\":\"metadata\"}]", "[{\"direction\":\"asc\"}]",
                    "[{\"field\":\"key\",\"extra\":1}]", "{\"field\":\"key\"}") + "}";
            case 3 -> "{\"cursor\":" + pick("1", "[]", "{}", "true", quote(randomText(1 + random.nextInt(200))),
                    "\"%%%\"", "\"eyJ4IjoxfQ\"", "\"" + "A".repeat(5000) + "\"") + "}";
            case 4 -> "{\"includeDeleted\":" + pick("\"yes\"", "1", "[]", "{}") + "}";
            case 5 -> "{\"count\":" + pick("\"true\"", "0", "[true]") + "}";
            case 6 -> "{\"" + pick("where", "query", "Filter", "limit ", "") + "\":1}";
            case 7 -> pick("[]", "\"search\"", "42", "null", "true", "[{\"filter\":{}}]");
            default -> "{\"filter\":" + pick("[]", "\"key\"", "1", "{}", "{\"and\":[]}", "{\"or\":{}}",
                    "{\"not\":[]}", "{\"and\":[{}]}", "{\"field\":\"key\"}", "{\"op\":\"eq\",\"value\":1}",
                    "{\"field\":1,\"op\":\"eq\",\"value\":1}", "{\"field\":\"key\",\"op\":\"like\",\"value\":\"a\"}",
                    "{\"field\":\"key\",\"op\":\"eq\",\"value\":\"a\",\"extra\":1}",
                    "{\"and\":[{\"field\":\"key\",\"op\":\"exists\"}],\"or\":[]}") + "}";
        };
        return withBody("search-shape", "search", body);
    }

    private Request wrongRecordShape() {
        String endpoint = pick("create", "put", "patch");
        String body = switch (random.nextInt(7)) {
            case 0 -> pick("[]", "\"record\"", "42", "null", "true", "[{\"metadata\":{}}]");
            case 1 -> "{\"metadata\":" + pick("[1,2]", "\"text\"", "42", "true", "[]") + "}";
            case 2 -> "{\"metadata\":{},\"tags\":" + pick("\"a\"", "[1]", "[\"a\",\"a\"]", "[null]", "{}", "[[\"a\"]]",
                    "[{}]", "true") + "}";
            case 3 -> "{\"metadata\":{},\"owner\":" + pick("1", "{}", "[]", "true", "[\"o\"]") + "}";
            case 4 -> switch (endpoint) {
                case "patch" -> "{\"" + pick("key", "version", "namespace", "createdAt", "x") + "\":1}";
                case "put" -> "{\"metadata\":{},\"version\":" + pick("\"1\"", "0", "-1", "1.5", "true", "{}", "[1]")
                        + "}";
                default -> "{\"key\":" + pick("1", "null", "[]", "{}", "true", "\"\"") + ",\"metadata\":{}}";
            };
            case 5 -> "{\"metadata\":{\"a\":1},\"tags\":" + pick("\"x\"", "[1]") + "}";
            default -> "{\"metadata\":{\"a\":1},\"owner\":" + pick("{}", "[]", "7") + "}";
        };
        if (endpoint.equals("create") && body.startsWith("{\"metadata\"")) {
            body = "{\"key\":\"" + newKey() + "\"," + body.substring(1);
        }
        return endpoint.equals("create") ? withBody("record-shape", endpoint, body)
                : onKey("record-shape", endpoint, existing, body);
    }

    private Request badPrecondition() {
        // tags that name no version can never match, so the write is refused with 412 and nothing changes
        String tag = pick("\"abc\"", "W/\"x\"", "\"\"", "\"1.0\"", "\"-\"", "nonsense", "\"" + randomLetters(40) + "\"",
                "\"99999999999999999999\"");
        String endpoint = pick("put", "patch", "delete");
        Request request = onKey("precondition", endpoint, existing, "{\"metadata\":{\"changed\":true}}");
        return new Request(request.category(), request.caller(), request.method(), request.path(),
                request.contentType(), request.body(), List.of("If-Match", tag), Answer.PROBLEM);
    }

    private Request wrongContentType() {
        String endpoint = pick("create", "put", "patch", "search", "bulk");
        String type = endpoint.equals("patch") ? pick("application/json", "text/plain", "application/json-patch+json",
                "application/xml", "") : pick(BAD_CONTENT_TYPES);
        return new Request("content-type", Caller.WRITER, method(endpoint), path(endpoint),
                type.isEmpty() ? null : type, utf8(validBody(endpoint)), List.of(), Answer.PROBLEM);
    }

    private Request badBulkRequest() {
        String body = switch (random.nextInt(3)) {
            case 0 -> pick("[]", "\"bulk\"", "1", "null", "{}", "{\"operations\":\"x\"}", "{\"operations\":{}}",
                    "{\"operations\":null}", "{\"ops\":[]}", "{\"atomic\":\"yes\",\"operations\":[]}",
                    "{\"atomic\":1,\"operations\":[]}", "{\"operations\":[],\"extra\":true}");
            case 1 -> "{\"atomic\":" + pick("null", "true", "false") + ",\"operations\":" + pick("1", "\"create\"",
                    "{\"op\":\"create\"}") + "}";
            default -> tooManyOperations();
        };
        return withBody("bulk-request", "bulk", body);
    }

    private String tooManyOperations() {
        StringBuilder operations = new StringBuilder();
        int count = 1001 + random.nextInt(200);
        for (int i = 0; i < count; i++) {
            operations.append(i == 0 ? "" : ",").append("{\"op\":\"create\",\"key\":\"").append(ns).append("/many-")
                    .append(i).append("\"}");
        }
        return "{\"operations\":[" + operations + "]}";
    }

    private Request badBulkOperation() {
        String invalid = pick("1", "\"create\"", "null", "[]", "{\"op\":\"explode\",\"key\":\"" + newKey() + "\"}",
                "{\"key\":\"" + newKey() + "\",\"metadata\":{}}", "{\"op\":\"create\",\"metadata\":{}}",
                "{\"op\":\"create\",\"key\":\"" + newKey() + "\",\"metadata\":[]}",
                "{\"op\":\"upsert\",\"key\":\"" + existing + "\",\"metadata\":{},\"version\":\"2\"}",
                "{\"op\":\"delete\",\"key\":\"" + existing + "\",\"metadata\":{}}",
                "{\"op\":\"create\",\"key\":\"" + newKey() + "\",\"version\":1}",
                "{\"op\":1,\"key\":\"" + existing + "\"}", "{\"op\":\"upsert\",\"key\":\"" + existing + "\",\"x\":1}",
                "{\"op\":\"upsert\",\"key\":\"elsewhere/x\",\"metadata\":{}}",
                "{\"op\":\"patch\",\"key\":\"" + newKey() + "\",\"metadata\":{}}",
                "{\"op\":\"patch\",\"key\":\"" + existing + "\",\"metadata\":{},\"tags\":[1]}",
                "{\"op\":\"upsert\",\"key\":\"" + existing + "\",\"metadata\":{},\"version\":7}",
                "{\"op\":\"create\",\"key\":\"" + existing + "\",\"metadata\":{\"other\":1}}");
        // valid writes around the bad one: an atomic bulk must apply none of them
        List<String> operations = new ArrayList<>();
        int valid = random.nextInt(4);
        for (int i = 0; i < valid; i++) {
            operations.add("{\"op\":\"upsert\",\"key\":\"" + newKey() + "\",\"metadata\":{\"i\":" + i + "}}");
        }
        operations.add(random.nextInt(operations.size() + 1), invalid);
        String atomic = pick("", "\"atomic\":true,");
        return withBody("bulk-operation", "bulk", "{" + atomic + "\"operations\":[" + String.join(",", operations)
                + "]}", Answer.BULK_RESULTS);
    }

    private Request badCaller() {
        Caller caller = random.nextInt(3) == 0 ? Caller.GARBAGE_TOKEN
                : random.nextBoolean() ? Caller.ANONYMOUS : Caller.FOREIGN;
        String endpoint = pick("create", "put", "patch", "get", "delete", "bulk", "search");
        Request request = endpoint.equals("bulk") || endpoint.equals("search") || endpoint.equals("create")
                ? withBody("caller", endpoint, validBody(endpoint))
                : onKey("caller", endpoint, existing, "{\"metadata\":{\"stolen\":true}}");
        // a foreign caller may search (it sees nothing) and gets per-operation 403s from bulk: give it a bad body
        if (caller == Caller.FOREIGN && endpoint.equals("search")) {
            request = withBody("caller", endpoint, "{\"limit\":0}");
        }
        Answer answer = caller == Caller.FOREIGN && endpoint.equals("bulk") ? Answer.BULK_RESULTS : Answer.PROBLEM;
        return new Request(request.category(), caller, request.method(), request.path(), request.contentType(),
                request.body(), request.headers(), answer);
    }

    private Request hostilePath() {
        String method = pick("GET", "DELETE", "PUT", "PATCH");
        String path = pick("records/", "records/x", "records/search", "records/bulk", "records/" + ns,
                "records/" + ns + "/", "records//x", "records/%2e%2e/%2e%2e/etc/passwd", "records/" + ns + "%2F",
                "records/%00/x", "records/" + ns + "%2f%20", "records/" + ns.toUpperCase() + "/x",
                "records/-" + ns + "/x", "records/" + ns + "%20/x", "records/%E2%80%8B/x", "records/%C3%28/x");
        String contentType = method.equals("PATCH") ? "application/merge-patch+json"
                : method.equals("PUT") ? "application/json" : null;
        byte[] body = contentType == null ? null : utf8("{\"metadata\":{}}");
        return new Request("hostile-path", Caller.WRITER, method, path, contentType, body, List.of(), refusalOf(path));
    }

    private static Answer refusalOf(String path) {
        return ENCODED_CONTROL.matcher(path).find() ? Answer.CONTAINER_400 : Answer.PROBLEM;
    }

    private Request oversized(String endpoint) {
        String blob = quote(OVERSIZED_FILLER + randomLetters(1 + random.nextInt(1000)));
        String body = switch (endpoint) {
            case "create" -> "{\"key\":\"" + newKey() + "\",\"metadata\":{\"blob\":" + blob + "}}";
            case "search" -> "{\"filter\":{\"field\":\"metadata.blob\",\"op\":\"eq\",\"value\":" + blob + "}}";
            case "bulk" -> "{\"operations\":[{\"op\":\"create\",\"key\":\"" + newKey() + "\",\"metadata\":{\"blob\":"
                    + blob + "}}]}";
            default -> "{\"metadata\":{\"blob\":" + blob + "}}";
        };
        return endpoint.equals("put") || endpoint.equals("patch") ? onKey("oversized", endpoint, existing, body)
                : withBody("oversized", endpoint, body);
    }

    // ---- building blocks ----

    /** A value of the wrong type for this operator on this field, or {@code null} for "no value" where one is due. */
    private String wrongValue(String field, String op) {
        boolean metadataPath = field.startsWith("metadata.");
        boolean applies = switch (field) {
            case "tags" -> op.equals("array_contains") || op.equals("contains");
            case "metadata" -> List.of("eq", "neq", "contains", "has_key").contains(op);
            case "version", "createdAt", "updatedAt", "deletedAt" -> List.of("eq", "neq", "lt", "lte", "gt", "gte",
                    "between", "in").contains(op);
            default -> metadataPath || !List.of("has_key", "array_contains", "exists").contains(op);
        };
        if (!applies) {
            return random.nextBoolean() ? "\"x\"" : null;
        }
        if (op.equals("exists")) {
            return pick("1", "\"a\"", "null", "true", "[]");
        }
        if (random.nextInt(8) == 0) {
            return null; // every operator but exists needs a value
        }
        String scalar = field.equals("version") ? pick("\"1\"", "1.5", "true", "{}", "[]", "9223372036854775808")
                : List.of(TIME_FIELDS).contains(field) ? pick("\"yesterday\"", "1", "\"2026-13-45T00:00:00Z\"",
                "\"2026-11-27\"", "true", "{}")
                : metadataPath ? pick("true", "null", "{}", "[]", "[1]")
                : pick("1", "true", "{}", "[]", "1.5");
        return switch (op) {
            case "eq", "neq" -> metadataPath ? pick("\"\\u0000\"", "{\"\\u0000\":1}", "1e999999", "\"\\ud800\"")
                    : field.equals("metadata") ? pick("1", "\"a\"", "[1]", "true") : scalar;
            case "lt", "lte", "gt", "gte" -> scalar;
            case "between" -> pick("[" + scalar + "]", scalar.startsWith("[") ? "1" : scalar, "[" + scalar + ","
                    + scalar + "," + scalar + "]", "[]", metadataPath ? "[1,\"a\"]" : "[" + scalar + "," + scalar + "]");
            case "in" -> pick("\"a\"", "{\"a\":1}", metadataPath ? "[\"\\u0000\"]" : "[" + scalar + "]");
            case "contains" -> field.equals("tags") ? pick("\"prod\"", "[1]", "[{}]", "[null]", "{}")
                    : metadataPath ? pick("1", "true", "null", "1.5") : field.equals("metadata") ? pick("1", "\"a\"",
                    "[]") : pick("1", "[]", "{}", "true");
            case "starts_with", "has_key" -> pick("1", "[]", "{}", "true", "null");
            case "array_contains" -> field.equals("tags") ? pick("\"prod\"", "[1]", "[{}]", "[null]", "{}")
                    : pick("\"a\"", "1", "[{}]", "[[1]]", "{}");
            default -> throw new IllegalStateException(op);
        };
    }

    /** Nests a comparison inside a few valid combinators, which must not hide its fault. */
    private String withinCombinators(String comparison) {
        String valid = "{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + ns + "/\"}";
        String filter = comparison;
        for (int i = random.nextInt(3); i > 0; i--) {
            filter = switch (random.nextInt(3)) {
                case 0 -> "{\"not\":" + filter + "}";
                case 1 -> "{\"and\":[" + valid + "," + filter + "]}";
                default -> "{\"or\":[" + filter + "," + valid + "]}";
            };
        }
        return filter;
    }

    /** A filter of exactly this depth: combinators around one comparison. */
    private String balanced(int depth) {
        String filter = "{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + ns + "/\"}";
        for (int i = 1; i < depth; i++) {
            filter = switch (random.nextInt(3)) {
                case 0 -> "{\"not\":" + filter + "}";
                case 1 -> "{\"and\":[" + filter + "]}";
                default -> "{\"or\":[" + filter + "]}";
            };
        }
        return filter;
    }

    private String validBody(String endpoint) {
        return switch (endpoint) {
            case "create" -> "{\"key\":\"" + newKey() + "\",\"metadata\":{\"a\":1,\"b\":{\"c\":[1,2]}},\"tags\":[\"t\"],"
                    + "\"owner\":\"o\"}";
            case "put" -> "{\"metadata\":{\"a\":2},\"tags\":[\"t\"],\"owner\":\"o\"}";
            case "patch" -> "{\"metadata\":{\"b\":null,\"c\":3}}";
            case "search" -> "{\"filter\":{\"and\":[{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + ns
                    + "/\"},{\"field\":\"metadata.a\",\"op\":\"gt\",\"value\":0}]},\"limit\":10}";
            case "bulk" -> "{\"atomic\":true,\"operations\":[{\"op\":\"upsert\",\"key\":\"" + newKey()
                    + "\",\"metadata\":{\"a\":1}},{\"op\":\"create\",\"key\":\"" + newKey() + "\",\"metadata\":{}}]}";
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** A body sent to a key-less endpoint (create, search, bulk) or to the existing record (put, patch). */
    private Request withBody(String category, String endpoint, String body) {
        return withBody(category, endpoint, body, Answer.PROBLEM);
    }

    private Request withBody(String category, String endpoint, String body, Answer answer) {
        return new Request(category, Caller.WRITER, method(endpoint), path(endpoint), contentType(endpoint),
                utf8(body), List.of(), answer);
    }

    /** A call on one key; GET and DELETE carry no body. */
    private Request onKey(String category, String endpoint, String key, String body) {
        boolean bodyless = endpoint.equals("get") || endpoint.equals("delete");
        String path = "records/" + percentEncoded(key);
        return new Request(category, Caller.WRITER, method(endpoint), path, bodyless ? null : contentType(endpoint),
                bodyless ? null : utf8(body), List.of(), refusalOf(path));
    }

    private String path(String endpoint) {
        return switch (endpoint) {
            case "create" -> "records";
            case "search" -> "records/search";
            case "bulk" -> "records/bulk";
            default -> "records/" + percentEncoded(existing);
        };
    }

    private static String method(String endpoint) {
        return switch (endpoint) {
            case "create", "search", "bulk" -> "POST";
            default -> endpoint.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static String contentType(String endpoint) {
        return endpoint.equals("patch") ? "application/merge-patch+json" : "application/json";
    }

    private String newKey() {
        return ns + "/hostile-" + serial++;
    }

    /** Every byte outside the unreserved characters and "/" percent-encoded, as a path needs. */
    static String percentEncoded(String key) {
        StringBuilder path = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/".indexOf(c) >= 0)) {
                path.append(c);
            } else {
                path.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return path.toString();
    }

    /** A JSON string literal; control characters and unpaired surrogates as escapes, so they survive UTF-8. */
    static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private byte[] pickBytes(byte[]... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        bytes[0] = (byte) pick('{', '[', '"', 'x', (char) 0xFF).charValue(); // never a lone valid scalar by chance
        return bytes;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (0x21 + random.nextInt(0x5E)));
        }
        return text.toString();
    }

    private String randomLetters(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " chars)";
    }
}
