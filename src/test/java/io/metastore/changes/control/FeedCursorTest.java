package io.metastore.changes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.platform.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The feed cursor survives its round trip exactly, and anything a client could forge is a 400 naming since. */
class FeedCursorTest {

    @Property
    void aCursorDecodesToWhatWasEncoded(@ForAll("snapshots") Snapshot from, @ForAll("instants") Instant takenAt,
                                        @ForAll("deltas") Optional<FeedCursor.Delta> delta) {
        FeedCursor cursor = new FeedCursor(from, takenAt, delta);
        assertEquals(cursor, FeedCursor.decode(cursor.encode()));
    }

    @Property
    void anyOtherTextIsRefusedAsSince(@ForAll String text) {
        Failure refused = assertThrows(Failure.class, () -> FeedCursor.decode(
                Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of("since"), refused.violations().stream().map(v -> v.path()).toList());
    }

    @Property
    void aSnapshotIsReadOnlyAsPostgreSqlWritesIt(@ForAll @LongRange(min = 1, max = 1000) long xmin,
                                                  @ForAll @LongRange(min = 0, max = 50) long span,
                                                  @ForAll List<@LongRange(min = 0, max = 60) Long> offsets) {
        long xmax = xmin + span;
        TreeSet<Long> running = new TreeSet<>();
        offsets.forEach(o -> running.add(xmin + o));
        String text = xmin + ":" + xmax + ":" + String.join(",", running.stream().map(String::valueOf).toList());
        boolean wellFormed = running.isEmpty() || running.last() < xmax;
        assertEquals(wellFormed, Snapshot.parse(text).isPresent(), text);
    }

    @Test
    void malformedSnapshotsAreRefused() {
        for (String text : List.of("", "1:2", "0:0:", "5:4:", "1:5:3,2", "1:5:2,2", "1:5:0", "a:b:", "1:5:2,",
                "99999999999999999999:1:", " 1:2:")) {
            assertTrue(Snapshot.parse(text).isEmpty(), text);
        }
        assertEquals(Optional.of(new Snapshot("10:20:11,15")), Snapshot.parse("10:20:11,15"));
        assertEquals(Optional.of(new Snapshot("10:10:")), Snapshot.parse("10:10:"));
    }

    @Provide
    Arbitrary<Snapshot> snapshots() {
        return Combinators.combine(Arbitraries.longs().between(1, 1L << 40), Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(0, 999).set().ofMaxSize(20)).as((xmin, span, offsets) -> {
                    String running = String.join(",", new TreeSet<>(offsets).stream().filter(o -> o < span)
                            .map(o -> String.valueOf(xmin + o)).toList());
                    return Snapshot.parse(xmin + ":" + (xmin + span) + ":" + running).orElseThrow();
                });
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000_000L)
                .map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    @Provide
    Arbitrary<Optional<FeedCursor.Delta>> deltas() {
        Arbitrary<FeedCursor.Position> positions = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0))
                .as(FeedCursor.Position::new);
        return Combinators.combine(snapshots(), instants(), positions).as(FeedCursor.Delta::new).optional();
    }
}
