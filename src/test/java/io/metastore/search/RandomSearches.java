package io.metastore.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.records.control.RecordSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Seeded random records and search requests for comparing the real search with {@link SearchOracle}. The records
 * mix every JSON type at the same metadata paths, nullable columns, deleted records, ties in updatedAt and keys with
 * non-ASCII names, spread over namespaces of different sizes; the requests draw their values from the records, so
 * most comparisons match something.
 * <p>
 * Namespace {@code big} holds {@link #BIG} records named {@code item-00000} upwards, updated in that order, and only
 * its last {@link #LATE} carry the tag {@code late}: in key and in updatedAt order they come after more than ten
 * thousand other rows, so a page of them cannot come from a bounded walk of the first rows in that order.
 * <p>
 * {@link #over} draws requests from records stored another way instead, such as those a test wrote through the HTTP
 * API with content from {@link #content()}, written by {@link #principal()}s.
 */
public final class RandomSearches {

    public static final int BIG = 12_000;
    public static final int LATE = 500;
    /** The other namespaces, around big in key order, with their sizes. */
    private static final List<String> SMALL = List.of("a", "m", "z9", "zz");
    private static final int SMALL_SIZE = 700;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private static final List<String> NAMES = List.of("x", "é", "日本", "😀", "a_b", "100%", "Z", "x/y", "ｘ");
    private static final List<String> TAGS = List.of("prod", "pii", "gold", "x");
    private static final List<String> OWNERS = List.of("team-a", "team-b", "Team-C", "ü");
    private static final List<String> PRINCIPALS = List.of("alice", "bob", "svc-é");
    private static final List<String> STRINGS = List.of("9", "10", "k", "a_b", "é", "日本", "", "K", "😀");
    private static final List<String> SORT_FIELDS = List.of("key", "namespace", "owner", "version", "createdAt",
            "updatedAt", "deletedAt", "createdBy", "updatedBy", "metadata.v", "metadata.size", "metadata.name",
            "metadata.nested.k", "metadata.labels");

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    /** Fields a projection picks from: every sort field, and paths that hold objects, arrays or nothing. */
    private static final List<String> PROJECTED_FIELDS = Stream.concat(SORT_FIELDS.stream(), Stream.of("tags",
            "metadata", "metadata.nested", "metadata.v.k", "metadata.v.0", "metadata.none.x")).toList();

    private final Random random;
    private final List<RecordSnapshot> records = new ArrayList<>();

    /** The corpus described above, the same for the same seed. */
    public RandomSearches(long seed) {
        this(seed, List.of());
        for (int i = 0; i < BIG; i++) {
            // three records share each updatedAt, so ties are broken by key
            Instant updated = EPOCH.plusSeconds(i / 3).plus(7, ChronoUnit.MICROS);
            records.add(record("big/item-%05d".formatted(i), updated, i >= BIG - LATE));
        }
        for (String namespace : SMALL) {
            for (int i = 0; i < SMALL_SIZE; i++) {
                String name = name(i);
                Instant updated = EPOCH.plusSeconds(random.nextInt(BIG / 3)).plus(random.nextInt(1000),
                        ChronoUnit.MICROS);
                records.add(record(namespace + "/" + name, updated, false));
            }
        }
    }

    private RandomSearches(long seed, List<RecordSnapshot> records) {
        this.random = new Random(seed);
        this.records.addAll(records);
    }

    /**
     * Requests over {@code records} stored elsewhere, their values drawn from these records (so {@link #request()}
     * needs one), and content for records to store: {@link #content()} needs none.
     */
    public static RandomSearches over(long seed, List<RecordSnapshot> records) {
        return new RandomSearches(seed, records);
    }

    public List<RecordSnapshot> records() {
        return List.copyOf(records);
    }

    /** A record name of the corpus's kind (non-ASCII, {@code /}, {@code %}), made unique by {@code number}. */
    public String name(int number) {
        return pick(NAMES) + "-" + number;
    }

    /** The body of a write of a record of the corpus's kind: metadata, tags and maybe an owner. */
    public ObjectNode content() {
        ObjectNode content = JSON.objectNode();
        content.set("metadata", metadata());
        tags(false).forEach(content.putArray("tags")::add);
        String owner = owner();
        if (owner != null) {
            content.put("owner", owner);
        }
        return content;
    }

    /** A principal of the corpus, which requests compare createdBy and updatedBy with. */
    public String principal() {
        return pick(PRINCIPALS);
    }

    private RecordSnapshot record(String key, Instant updated, boolean late) {
        ObjectNode metadata = metadata();
        List<String> tags = tags(late);
        Instant created = EPOCH.minusSeconds(random.nextInt(100_000)).plus(random.nextInt(1_000_000),
                ChronoUnit.MICROS);
        Instant deleted = random.nextInt(20) == 0 ? updated : null;
        String owner = owner();
        return new RecordSnapshot(key, metadata, tags, owner, 1 + random.nextInt(5), created, updated,
                principal(), principal(), deleted);
    }

    private ObjectNode metadata() {
        ObjectNode metadata = JSON.objectNode();
        if (random.nextInt(100) >= 15) {
            metadata.set("v", anyValue(2));
        }
        if (random.nextInt(100) >= 10) {
            metadata.set("size", random.nextInt(10) == 0 ? JSON.numberNode(new BigDecimal(random.nextInt(100) + ".5"))
                    : JSON.numberNode(random.nextInt(1000)));
        }
        metadata.put("name", pick(STRINGS) + pick(NAMES));
        ArrayNode labels = metadata.putArray("labels");
        for (int i = random.nextInt(4); i > 0; i--) {
            labels.add(pick(STRINGS));
        }
        if (random.nextBoolean()) {
            metadata.putObject("nested").set("k", scalar());
        }
        return metadata;
    }

    private List<String> tags(boolean late) {
        List<String> tags = new ArrayList<>();
        for (String tag : TAGS) {
            if (random.nextBoolean()) {
                tags.add(tag);
            }
        }
        if (late) {
            tags.add("late");
        }
        return tags;
    }

    private String owner() {
        return random.nextInt(10) < 3 ? null : pick(OWNERS);
    }

    private JsonNode anyValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0, 1 -> number();
            case 2 -> JSON.textNode(pick(STRINGS));
            case 3 -> JSON.booleanNode(random.nextBoolean());
            case 4 -> JSON.nullNode();
            case 5 -> JSON.textNode(pick(STRINGS));
            case 6 -> {
                ArrayNode array = JSON.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(anyValue(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = JSON.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set(pick(List.of("k", "j", "bb", "0")), anyValue(depth - 1));
                }
                yield object;
            }
        };
    }

    private JsonNode scalar() {
        return anyValue(0);
    }

    /**
     * The value among up to a dozen others at a random place: nine or more make PostgreSQL test the list with a hash
     * table, fewer one by one, and both must agree with the oracle (10 and 10.0 are one number to either).
     */
    private ArrayNode inList(JsonNode value) {
        ArrayNode list = JSON.arrayNode();
        for (int i = random.nextInt(13); i > 0; i--) {
            list.add(random.nextBoolean() ? scalar() : anyValue(1));
        }
        return list.insert(random.nextInt(list.size() + 1), value);
    }

    private JsonNode number() {
        return switch (random.nextInt(4)) {
            case 0 -> JSON.numberNode(new BigDecimal("10.0"));
            case 1 -> JSON.numberNode(new BigDecimal(random.nextInt(40) - 5 + ".25"));
            default -> JSON.numberNode(random.nextInt(25) - 5);
        };
    }

    // --------------------------------------------------------------------------------------------------- requests

    /** A random valid request: a filter up to three levels deep, up to three sort keys, maybe includeDeleted. */
    public ObjectNode request() {
        ObjectNode request = JSON.objectNode();
        if (random.nextInt(10) > 0) {
            request.set("filter", filter(3));
        }
        ArrayNode sort = JSON.arrayNode();
        List<String> fields = new ArrayList<>(SORT_FIELDS);
        for (int i = random.nextInt(4); i > 0; i--) {
            String field = fields.remove(random.nextInt(fields.size()));
            if (field.equals("metadata.labels")) {
                continue;
            }
            ObjectNode key = sort.addObject().put("field", field);
            if (random.nextBoolean()) {
                key.put("direction", random.nextBoolean() ? "asc" : "desc");
            }
        }
        if (!sort.isEmpty()) {
            request.set("sort", sort);
        }
        if (random.nextInt(5) == 0) {
            request.put("includeDeleted", true);
        }
        if (random.nextInt(4) == 0) {
            request.put("count", true);
        }
        return request;
    }

    /** A projection: one to four distinct fields, metadata paths among them. */
    public ArrayNode fields() {
        List<String> choices = new ArrayList<>(PROJECTED_FIELDS);
        ArrayNode fields = JSON.arrayNode();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            fields.add(choices.remove(random.nextInt(choices.size())));
        }
        return fields;
    }

    private JsonNode filter(int depth) {
        int kind = random.nextInt(depth > 1 ? 10 : 1);
        if (kind == 0 || kind > 4) {
            return comparison();
        }
        if (kind == 3) {
            return JSON.objectNode().set("not", filter(depth - 1));
        }
        ArrayNode operands = JSON.arrayNode();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            operands.add(filter(depth - 1));
        }
        return JSON.objectNode().set(kind == 1 ? "and" : "or", operands);
    }

    private ObjectNode comparison() {
        RecordSnapshot sample = records.get(random.nextInt(records.size()));
        return switch (random.nextInt(12)) {
            case 0 -> keyComparison(sample);
            case 1 -> comparison("namespace", pick(List.of("eq", "neq")), JSON.textNode(sample.namespace()));
            case 2 -> ownerComparison(sample);
            case 3 -> comparison(pick(List.of("createdBy", "updatedBy")), pick(List.of("eq", "gt", "lte")),
                    JSON.textNode(pick(PRINCIPALS)));
            case 4 -> comparison("version", pick(List.of("eq", "neq", "lt", "gte")), JSON.numberNode(1 + random.nextInt(5)));
            case 5 -> timeComparison(sample);
            case 6 -> {
                ArrayNode tags = JSON.arrayNode().add(pick(TAGS));
                if (random.nextBoolean()) {
                    tags.add(pick(List.of("prod", "late", "none")));
                }
                yield comparison("tags", pick(List.of("array_contains", "contains")), tags);
            }
            case 7 -> pick(List.of(
                    comparison("metadata", "has_key", JSON.textNode(pick(List.of("v", "nested", "zzz")))),
                    comparison("metadata", "contains", JSON.objectNode().set("nested", sample.metadata().path("nested")
                            .isObject() ? sample.metadata().get("nested") : JSON.objectNode())),
                    comparison("metadata", pick(List.of("eq", "neq")), sample.metadata())));
            case 8, 9 -> metadataV(sample);
            case 10 -> pick(List.of(
                    comparison("metadata.size", pick(List.of("gt", "lt", "eq", "neq")), number()),
                    comparison("metadata.size", "between", JSON.arrayNode().add(random.nextInt(300))
                            .add(300 + random.nextInt(700))),
                    comparison("metadata.name", pick(List.of("starts_with", "contains", "lt")),
                            JSON.textNode(pick(STRINGS)))));
            default -> pick(List.of(
                    comparison("metadata.nested.k", pick(List.of("eq", "neq")), scalar()),
                    exists("metadata.nested.k"),
                    comparison("metadata.labels", pick(List.of("array_contains", "contains")),
                            JSON.arrayNode().add(pick(STRINGS)))));
        };
    }

    private ObjectNode keyComparison(RecordSnapshot sample) {
        String key = sample.key();
        return switch (random.nextInt(5)) {
            case 0 -> comparison("key", "starts_with", JSON.textNode(key.substring(0, 1 + random.nextInt(
                    Math.min(key.length(), 12)))));
            case 1 -> comparison("key", pick(List.of("lt", "gte")), JSON.textNode(key));
            case 2 -> comparison("key", "between", JSON.arrayNode().add(key).add(pick(records).key()));
            case 3 -> comparison("key", "in", JSON.arrayNode().add(key).add(pick(records).key()).add("no/such"));
            default -> comparison("key", pick(List.of("eq", "neq")), JSON.textNode(key));
        };
    }

    private ObjectNode ownerComparison(RecordSnapshot sample) {
        JsonNode owner = sample.owner() == null ? JSON.nullNode() : JSON.textNode(sample.owner());
        return switch (random.nextInt(4)) {
            case 0 -> comparison("owner", pick(List.of("eq", "neq")), owner);
            case 1 -> comparison("owner", "in", JSON.arrayNode().add(owner).add(pick(OWNERS)));
            case 2 -> comparison("owner", pick(List.of("contains", "starts_with")), JSON.textNode("team"));
            default -> comparison("owner", pick(List.of("lt", "gt")), JSON.textNode(pick(OWNERS)));
        };
    }

    private ObjectNode timeComparison(RecordSnapshot sample) {
        // the same instant written in another offset must compare equal
        String updated = sample.updatedAt().atOffset(pick(List.of(ZoneOffset.UTC, ZoneOffset.ofHours(2)))).toString();
        return switch (random.nextInt(4)) {
            case 0 -> comparison("updatedAt", pick(List.of("eq", "lt", "gte")), JSON.textNode(updated));
            case 1 -> comparison("createdAt", pick(List.of("gt", "lte")), JSON.textNode(sample.createdAt().toString()));
            case 2 -> comparison("deletedAt", pick(List.of("eq", "neq")), JSON.nullNode());
            default -> comparison("updatedAt", "between", JSON.arrayNode().add(updated)
                    .add(sample.updatedAt().plusSeconds(random.nextInt(3000)).toString()));
        };
    }

    private ObjectNode metadataV(RecordSnapshot sample) {
        JsonNode v = sample.metadata().path("v");
        JsonNode value = v.isMissingNode() ? anyValue(2) : v;
        JsonNode ordered = random.nextBoolean() ? number() : JSON.textNode(pick(STRINGS));
        return switch (random.nextInt(9)) {
            case 0 -> comparison("metadata.v", pick(List.of("eq", "neq")), value);
            case 1 -> comparison("metadata.v", "in", inList(value));
            case 2 -> comparison("metadata.v", pick(List.of("lt", "lte", "gt", "gte")), ordered);
            case 3 -> comparison("metadata.v", "between", ordered.isNumber()
                    ? JSON.arrayNode().add(random.nextInt(5)).add(5 + random.nextInt(15))
                    : JSON.arrayNode().add(pick(STRINGS)).add(pick(STRINGS)));
            case 4 -> comparison("metadata.v", "contains", pick(List.of(JSON.textNode(pick(STRINGS)),
                    JSON.objectNode().set("k", scalar()), JSON.arrayNode().add(scalar()),
                    value.isContainerNode() || value.isTextual() ? value : JSON.textNode("1"))));
            case 5 -> comparison("metadata.v", "starts_with", JSON.textNode(pick(STRINGS)));
            case 6 -> comparison("metadata.v", "has_key", JSON.textNode(pick(List.of("k", "j", "0"))));
            case 7 -> comparison("metadata.v", "array_contains", JSON.arrayNode().add(scalar()));
            default -> exists("metadata.v");
        };
    }

    private static ObjectNode comparison(String field, String op, JsonNode value) {
        ObjectNode comparison = JSON.objectNode().put("field", field).put("op", op);
        comparison.set("value", value.deepCopy());
        return comparison;
    }

    private static ObjectNode exists(String field) {
        return JSON.objectNode().put("field", field).put("op", "exists");
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
