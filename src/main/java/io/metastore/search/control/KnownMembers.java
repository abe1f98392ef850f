package io.metastore.search.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.ProblemException;
import java.util.Iterator;
import java.util.Set;

/** Rejects object members a request shape does not define, so a misspelt member is a 400 and not silently ignored. */
final class KnownMembers {

    private KnownMembers() {
    }

    /** @param path the object's JSON path, empty for the request body */
    static void require(JsonNode object, String path, Set<String> known, String expected) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ProblemException.invalid(path.isEmpty() ? name : path + "." + name,
                        "unknown member; expected " + expected);
            }
        }
    }
}
