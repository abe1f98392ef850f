package io.metastore.bulk.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.platform.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failure speaks for a failed atomic bulk: forbidden over invalid over the first failure in request order. */
class AtomicVerdictTest {

    private static final Failure CONFLICT = Failure.conflict("c");
    private static final Failure NOT_FOUND = Failure.notFound("n");
    private static final Failure INVALID = Failure.invalid("x", "bad");
    private static final Failure FORBIDDEN = Failure.forbidden("f");

    private static OperationResult failed(int index, Failure failure) {
        return OperationResult.failed(index, "ns/k" + index, failure);
    }

    private static OperationResult fine(int index) {
        return OperationResult.notApplied(index, "ns/k" + index);
    }

    @Test
    void forbiddenWinsWhereverItStands() {
        assertSame(FORBIDDEN, AtomicVerdict.of(List.of(failed(0, CONFLICT), failed(1, INVALID), fine(2),
                failed(3, FORBIDDEN))).orElseThrow());
    }

    @Test
    void invalidWinsOverOtherFailures() {
        assertSame(INVALID, AtomicVerdict.of(List.of(failed(0, NOT_FOUND), fine(1), failed(2, INVALID),
                failed(3, CONFLICT))).orElseThrow());
    }

    @Test
    void otherwiseTheFirstFailureInRequestOrder() {
        assertSame(NOT_FOUND, AtomicVerdict.of(List.of(fine(0), failed(1, NOT_FOUND), failed(2, CONFLICT)))
                .orElseThrow());
        assertSame(CONFLICT, AtomicVerdict.of(List.of(failed(0, CONFLICT), failed(1, NOT_FOUND))).orElseThrow());
    }

    @Test
    void noFailureNoVerdict() {
        assertTrue(AtomicVerdict.of(List.of(fine(0), fine(1))).isEmpty());
        assertEquals(Failure.Kind.FORBIDDEN, AtomicVerdict.of(List.of(failed(0, FORBIDDEN))).orElseThrow().kind());
    }
}
