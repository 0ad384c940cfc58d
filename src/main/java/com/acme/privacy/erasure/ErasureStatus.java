package com.acme.privacy.erasure;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.modulith.NamedInterface;

/** The life of an erasure request; {@link #allowedNext()} is the whole state machine. */
@NamedInterface("status")
public enum ErasureStatus {
    /** Held until someone confirms that the erasure may go (e.g. the CRM erasure is done); nothing is sent meanwhile. */
    HELD,
    /** Waiting for the dispatcher, possibly until a retry time or the request's not-before time. */
    PENDING,
    /** Claimed by a dispatcher under a lease; a call to Gong may be under way. */
    DISPATCHING,
    /** Gong accepted the erasure and returned its request id; a completion check may follow. */
    SUBMITTED,
    /** A completion check found nothing left at Gong. */
    COMPLETED,
    /** Data was still at Gong after the erasure had been sent again; needs a human. */
    NEEDS_ATTENTION,
    /** Gong refused it or retries ran out; needs a human. */
    FAILED,
    /** Withdrawn before anything was sent to Gong. */
    CANCELLED;

    /** Statuses in which a request still counts as the subject's open request. */
    public static final Set<ErasureStatus> OPEN = EnumSet.of(HELD, PENDING, DISPATCHING);
    /** Not yet sent to Gong, and not held back on purpose. */
    public static final Set<ErasureStatus> AWAITING_DISPATCH = EnumSet.of(PENDING, DISPATCHING);
    /** Not yet answered: overdue when past due in one of these; the backlog. */
    public static final Set<ErasureStatus> UNANSWERED = EnumSet.of(HELD, PENDING, DISPATCHING, FAILED);

    /** A set as a SQL list, {@code 'PENDING', 'DISPATCHING'}, for statements that match the partial indexes. */
    public static String sqlList(Set<ErasureStatus> statuses) {
        return statuses.stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));
    }

    public Set<ErasureStatus> allowedNext() {
        return switch (this) {
            case HELD -> EnumSet.of(PENDING, CANCELLED);
            case PENDING -> EnumSet.of(DISPATCHING, CANCELLED);
            case DISPATCHING -> EnumSet.of(PENDING, SUBMITTED, FAILED);
            case SUBMITTED -> EnumSet.of(COMPLETED, NEEDS_ATTENTION);
            case FAILED, NEEDS_ATTENTION -> EnumSet.of(PENDING);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(ErasureStatus.class);
        };
    }
}
