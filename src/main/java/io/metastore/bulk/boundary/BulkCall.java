package io.metastore.bulk.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.bulk.control.AtomicVerdict;
import io.metastore.bulk.control.BulkItem;
import io.metastore.bulk.control.BulkService;
import io.metastore.bulk.control.OperationResult;
import io.metastore.observability.MetastoreMetrics;
import io.metastore.platform.Failure;
import io.metastore.platform.JsonMembers;
import io.metastore.platform.Problem;
import io.metastore.records.boundary.CollectionCall;
import io.metastore.records.boundary.RecordBodies;
import io.metastore.records.control.MergePatch;
import io.metastore.records.control.Precondition;
import io.metastore.records.control.RecordKey;
import io.metastore.records.control.RecordWrite;
import io.metastore.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /records/bulk}, routed by the records resource ({@link CollectionCall}). Each operation is checked on its own: shape (400), then the caller's write grant on its
 * namespace (403), then its content (400). Nothing is applied before every operation has been checked. A bulk operation
 * answers what its single-record call would, except that its expected version is its body {@code version} (409).
 */
@ApplicationScoped
public class BulkCall implements CollectionCall {

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

    @Override
    public String segment() {
        return "bulk";
    }

    @Override
    public Response post(JsonNode body) {
        JsonMembers.requireObject(body, "", "the request body");
        JsonMembers.requireKnown(body, "", REQUEST_MEMBERS, "atomic and operations");
        boolean atomic = atomic(body.get("atomic"));
        JsonNode operations = body.get("operations");
        if (operations == null || !operations.isArray()) {
            throw Failure.invalid("operations", "an array of operations is required");
        }
        if (operations.size() > maxOperations) {
            throw Failure.tooLarge("A bulk request holds at most " + maxOperations + " operations; this one has "
                    + operations.size());
        }
        List<BulkItem> items = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            items.add(plan(i, operations.get(i)));
        }
        String principal = caller.principal();
        List<OperationResult> results = atomic ? bulk.applyAtomically(items, principal)
                : bulk.applyEach(items, principal);
        BulkResponse response = BulkResponse.of(results);
        for (BulkResponse.Result result : response.results()) {
            metrics.bulkOperation(kind(operations.get(result.index())), result.status());
        }
        int status = atomic ? AtomicVerdict.of(results).map(f -> Problem.of(f).status()).orElse(200) : 200;
        return Response.status(status).entity(response).build();
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
            throw Failure.invalid("atomic", "must be true or false");
        }
        return value.booleanValue();
    }

    private BulkItem plan(int index, JsonNode operation) {
        String path = "operations[" + index + "]";
        String key = operation.path("key").isTextual() ? operation.get("key").textValue() : null;
        try {
            JsonMembers.requireObject(operation, path, "an operation");
            RecordKey recordKey = RecordKey.parse(path + ".key", key);
            caller.requireWrite(recordKey.namespace());
            try {
                return new BulkItem.Planned(index, write(operation, recordKey));
            } catch (Failure invalid) {
                throw invalid.within(path);
            }
        } catch (Failure refused) {
            return new BulkItem.Refused(index, key, refused);
        }
    }

    private static RecordWrite write(JsonNode operation, RecordKey key) {
        JsonMembers.requireKnown(operation, "", OPERATION_MEMBERS, "op, key, metadata, tags, owner, version");
        String kind = operation.path("op").asText("");
        Long expected = RecordBodies.expectedVersion(operation.get("version"));
        Precondition precondition = Precondition.expecting(expected);
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "create" -> {
                if (expected != null) {
                    throw Failure.invalid("version", "a create takes no expected version");
                }
                yield RecordWrite.create(key, RecordBodies.content(operation));
            }
            case "upsert" -> RecordWrite.upsert(key, RecordBodies.content(operation), precondition);
            case "patch" -> RecordWrite.patch(key, MergePatch.of(patchOf(operation)), precondition);
            case "delete" -> {
                if (operation.has("metadata") || operation.has("tags") || operation.has("owner")) {
                    throw Failure.invalid("metadata", "a delete takes only op, key and version");
                }
                yield RecordWrite.delete(key, precondition);
            }
            default -> throw Failure.invalid("op", "must be create, upsert, patch or delete");
        };
    }

    private static JsonNode patchOf(JsonNode operation) {
        ObjectNode patch = ((ObjectNode) operation).deepCopy();
        patch.remove(List.of("op", "key", "version"));
        return patch;
    }
}
