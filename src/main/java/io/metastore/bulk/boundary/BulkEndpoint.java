package io.metastore.bulk.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.bulk.control.BulkItem;
import io.metastore.bulk.control.BulkService;
import io.metastore.bulk.control.OperationResult;
import io.metastore.observability.MetastoreMetrics;
import io.metastore.platform.ProblemException;
import io.metastore.platform.Violation;
import io.metastore.records.control.MergePatch;
import io.metastore.records.control.Precondition;
import io.metastore.records.control.RecordContent;
import io.metastore.records.control.RecordKey;
import io.metastore.records.control.RecordWrite;
import io.metastore.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /records/bulk} (routed from the records resource, so that "bulk" stays usable as a namespace).
 * Each operation is checked on its own: shape (400), then the caller's write grant on its namespace (403), then its
 * content (400). Nothing is applied before every operation has been checked.
 */
@RequestScoped
public class BulkEndpoint {

    private static final Set<String> REQUEST_MEMBERS = Set.of("atomic", "operations");
    private static final Set<String> OPERATION_MEMBERS = Set.of("op", "key", "metadata", "tags", "owner", "version");
    private static final Set<String> KINDS = Set.of("create", "upsert", "patch", "delete");

    @Inject
    BulkService bulk;

    @Inject
    Caller caller;

    @Inject
    MetastoreMetrics metrics;

    @Inject
    @ConfigProperty(name = "metastore.bulk.max-operations", defaultValue = "1000")
    int maxOperations;

    public Response handle(JsonNode body) {
        if (!body.isObject()) {
            throw ProblemException.invalid("", "the request body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!REQUEST_MEMBERS.contains(name)) {
                throw ProblemException.invalid(name, "unknown member; a bulk request has atomic and operations");
            }
        });
        boolean atomic = atomic(body.get("atomic"));
        JsonNode operations = body.get("operations");
        if (operations == null || !operations.isArray()) {
            throw ProblemException.invalid("operations", "an array of operations is required");
        }
        if (operations.size() > maxOperations) {
            throw ProblemException.payloadTooLarge("A bulk request holds at most " + maxOperations
                    + " operations; this one has " + operations.size());
        }
        List<BulkItem> items = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            items.add(plan(i, operations.get(i)));
        }
        String principal = caller.principal();
        List<OperationResult> results = atomic ? bulk.applyAtomically(items, principal)
                : bulk.applyEach(items, principal);
        for (OperationResult result : results) {
            metrics.bulkOperation(kind(operations.get(result.index())), result.status());
        }
        return Response.status(atomic ? atomicStatus(results) : 200).entity(new BulkResponse(results)).build();
    }

    /** The metric label: a known kind, or "invalid", so a client cannot invent label values. */
    private static String kind(JsonNode operation) {
        String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
        return KINDS.contains(op) ? op : "invalid";
    }

    private static boolean atomic(JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            throw ProblemException.invalid("atomic", "must be true or false");
        }
        return value.booleanValue();
    }

    /** 200 when all applied; else 403 if any was forbidden, else 400 if any was invalid, else the first failure. */
    static int atomicStatus(List<OperationResult> results) {
        List<Integer> failures = results.stream().map(OperationResult::status)
                .filter(s -> s >= 400 && s != OperationResult.FAILED_DEPENDENCY).toList();
        if (failures.isEmpty()) {
            return 200;
        }
        return failures.contains(403) ? 403 : failures.contains(400) ? 400 : failures.get(0);
    }

    private BulkItem plan(int index, JsonNode operation) {
        String path = "operations[" + index + "]";
        String key = operation.path("key").isTextual() ? operation.get("key").textValue() : null;
        try {
            if (!operation.isObject()) {
                throw ProblemException.invalid(path, "an operation is a JSON object");
            }
            RecordKey recordKey = RecordKey.parse(path + ".key", key);
            caller.requireWrite(recordKey.namespace());
            return new BulkItem.Planned(index, write(path, operation, recordKey));
        } catch (ProblemException refused) {
            return new BulkItem.Refused(index, OperationResult.failed(index, key, refused));
        }
    }

    private static RecordWrite write(String path, JsonNode operation, RecordKey key) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : operation.properties()) {
            if (!OPERATION_MEMBERS.contains(member.getKey())) {
                violations.add(new Violation(path + "." + member.getKey(), "unknown member of an operation"));
            }
        }
        String kind = operation.path("op").asText("");
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        try {
            return switch (kind.toLowerCase(Locale.ROOT)) {
                case "create" -> {
                    rejectVersion(operation, "create");
                    yield RecordWrite.create(key, RecordContent.fromReplacement(operation));
                }
                case "upsert" -> RecordWrite.upsert(key, RecordContent.fromReplacement(operation),
                        Precondition.fromBodyVersion(operation.get("version")));
                case "patch" -> RecordWrite.patch(key, MergePatch.of(patchOf(operation)),
                        Precondition.fromBodyVersion(operation.get("version")));
                case "delete" -> {
                    if (operation.has("metadata") || operation.has("tags") || operation.has("owner")) {
                        throw ProblemException.invalid("metadata", "a delete takes only op, key and version");
                    }
                    yield RecordWrite.delete(key, Precondition.fromBodyVersion(operation.get("version")));
                }
                default -> throw ProblemException.invalid("op", "must be create, upsert, patch or delete");
            };
        } catch (ProblemException invalid) {
            throw within(path, invalid);
        }
    }

    private static void rejectVersion(JsonNode operation, String kind) {
        if (operation.has("version")) {
            throw ProblemException.invalid("version", "a " + kind + " takes no expected version");
        }
    }

    private static JsonNode patchOf(JsonNode operation) {
        ObjectNode patch = ((ObjectNode) operation).deepCopy();
        patch.remove(List.of("op", "key", "version"));
        return patch;
    }

    /** The same problem with its violation paths placed inside the operation. */
    private static ProblemException within(String path, ProblemException problem) {
        if (problem.violations().isEmpty()) {
            return problem;
        }
        List<Violation> located = problem.violations().stream()
                .map(v -> new Violation(v.path().isEmpty() ? path : path + "." + v.path(), v.message())).toList();
        return ProblemException.invalid(located);
    }
}
