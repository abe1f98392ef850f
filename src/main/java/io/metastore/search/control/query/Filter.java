package io.metastore.search.control.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A validated filter expression. Records' {@code toString} spells out every component, which makes it a canonical
 * text for the cursor fingerprint.
 */
public sealed interface Filter {

    record And(List<Filter> operands) implements Filter {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Filter> operands) implements Filter {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Filter operand) implements Filter {
    }

    /** {@code value} is null only for {@code exists}; otherwise it has the shape the operator requires. */
    record Comparison(Field field, Operator op, JsonNode value) implements Filter {
    }
}
