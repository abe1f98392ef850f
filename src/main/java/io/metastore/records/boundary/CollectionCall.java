package io.metastore.records.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;

/**
 * A call on a whole collection under {@code /records} that a component built on records serves:
 * {@code POST /records/search} and {@code POST /records/bulk}. Keys contain {@code /} and "search" and "bulk" are
 * valid namespaces, and JAX-RS picks one root resource per request, so a root resource at {@code records/search} would
 * also take {@code /records/search/x}, the key {@code search/x}. {@link RecordsResource} therefore routes these calls
 * by their literal path and hands them to the implementation of this interface that serves the segment: records
 * declares the call, search and bulk implement it, and records imports neither (docs/architecture.md).
 */
public interface CollectionCall {

    /** The path segment under {@code /records} this call answers. */
    String segment();

    Response post(JsonNode body);
}
