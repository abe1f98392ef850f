package io.metastore.changes.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL snapshot ({@code pg_snapshot}) in its text form {@code xmin:xmax:xip,...}: the transactions completed
 * when it was taken are those below {@code xmax} and not in progress ({@code xip}). Kept as text, which PostgreSQL
 * reads back exactly; {@link #parse} accepts only what PostgreSQL itself would write.
 */
record Snapshot(String text) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{1,19}:[0-9]{1,19}:([0-9]{1,19}(,[0-9]{1,19})*)?");

    /** The snapshot this text describes, when it is a well-formed one: xmin <= every xip < xmax, xip ascending. */
    static Optional<Snapshot> parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            String[] parts = text.split(":", -1);
            long xmin = Long.parseLong(parts[0]);
            long xmax = Long.parseLong(parts[1]);
            if (xmin < 1 || xmin > xmax) {
                return Optional.empty();
            }
            List<Long> inProgress = new ArrayList<>();
            if (!parts[2].isEmpty()) {
                for (String xid : parts[2].split(",")) {
                    inProgress.add(Long.parseLong(xid));
                }
            }
            long previous = xmin - 1;
            for (long xid : inProgress) {
                if (xid <= previous || xid >= xmax) {
                    return Optional.empty();
                }
                previous = xid;
            }
            return Optional.of(new Snapshot(text));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }
}
