package com.acme.privacy.erasure;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.modulith.NamedInterface;

/**
 * The transition table: every status change a request can make, by name. Code that changes a status names its move,
 * and {@code erasure_status_move} holds the same pairs, so that the database refuses any other change, whoever makes it.
 */
@NamedInterface("status")
public enum StatusMove {
    /** Someone confirmed that a held erasure may go. */
    RELEASE(ErasureStatus.PENDING, ErasureStatus.HELD),
    /** Withdrawn; only while nothing has been sent to Gong. */
    CANCEL(ErasureStatus.CANCELLED, ErasureStatus.HELD, ErasureStatus.PENDING),
    /** A dispatcher claims it under a lease. */
    CLAIM(ErasureStatus.DISPATCHING, ErasureStatus.PENDING),
    /** Back to the queue: retry later, or a claim handed back. */
    REQUEUE(ErasureStatus.PENDING, ErasureStatus.DISPATCHING),
    /** Gong accepted every identifier's erasure. */
    SUBMIT(ErasureStatus.SUBMITTED, ErasureStatus.DISPATCHING),
    /** Gong refused it, or its attempts ran out. */
    FAIL(ErasureStatus.FAILED, ErasureStatus.DISPATCHING),
    /** A completion check found nothing left. */
    COMPLETE(ErasureStatus.COMPLETED, ErasureStatus.SUBMITTED),
    /** Data outlived a second erasure, or the checks kept failing: a person must look. */
    ESCALATE(ErasureStatus.NEEDS_ATTENTION, ErasureStatus.SUBMITTED),
    /** An operator sends it again. */
    RETRY(ErasureStatus.PENDING, ErasureStatus.FAILED, ErasureStatus.NEEDS_ATTENTION);

    private final ErasureStatus to;
    private final Set<ErasureStatus> from;

    StatusMove(ErasureStatus to, ErasureStatus from, ErasureStatus... moreFrom) {
        this.to = to;
        this.from = EnumSet.of(from, moreFrom);
    }

    public ErasureStatus to() {
        return to;
    }

    public Set<ErasureStatus> from() {
        return from;
    }

    public boolean startsFrom(ErasureStatus status) {
        return from.contains(status);
    }

    /** The one status this move starts from, for statements that name it; refused for a move with several. */
    public ErasureStatus onlyFrom() {
        if (from.size() != 1) {
            throw new IllegalStateException(this + " starts from " + from);
        }
        return from.iterator().next();
    }
}
