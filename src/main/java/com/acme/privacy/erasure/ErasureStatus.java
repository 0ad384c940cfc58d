package com.acme.privacy.erasure;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.modulith.NamedInterface;

/** The life of an erasure request. Its moves are {@link StatusMove}s; the status sets below are the only ones. */
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
    /** Data was still at Gong after the erasure had been sent again, or its checks kept failing; needs a human. */
    NEEDS_ATTENTION,
    /** Gong refused it or retries ran out; needs a human. */
    FAILED,
    /** Withdrawn before anything was sent to Gong. */
    CANCELLED;

    /** Statuses in which a request still counts as the subject's open request (one per subject and portal). */
    public static final Set<ErasureStatus> OPEN = EnumSet.of(HELD, PENDING, DISPATCHING);
    /** Not yet sent to Gong, and not held back on purpose. */
    public static final Set<ErasureStatus> AWAITING_DISPATCH = EnumSet.of(PENDING, DISPATCHING);
    /**
     * Nothing was confirmed to the subject yet: the backlog, and overdue past the deadline. FAILED and NEEDS_ATTENTION
     * wait for a person, who needs the identifiers to send them again.
     */
    public static final Set<ErasureStatus> UNANSWERED = EnumSet.of(HELD, PENDING, DISPATCHING, FAILED, NEEDS_ATTENTION);
    /** Waiting for a person: alerted before their deadline. */
    public static final Set<ErasureStatus> AWAITING_PERSON = EnumSet.of(FAILED, NEEDS_ATTENTION);
    /**
     * Answered or withdrawn: retention may run. SUBMITTED is closed too once no completion check is due (checks off);
     * that condition lives with the retention statements.
     */
    public static final Set<ErasureStatus> CLOSED = EnumSet.of(COMPLETED, CANCELLED);
    /**
     * The subject asked to be erased and the request stands: every status but CANCELLED (withdrawn, or entered by
     * mistake). What the suppression list counts.
     */
    public static final Set<ErasureStatus> NOT_WITHDRAWN = EnumSet.complementOf(EnumSet.of(CANCELLED));

    /** A set as a SQL list, {@code 'PENDING', 'DISPATCHING'}, for statements that match the partial indexes. */
    public static String sqlList(Set<ErasureStatus> statuses) {
        return statuses.stream().map(ErasureStatus::sql).collect(Collectors.joining(", "));
    }

    /** The status as a SQL literal. */
    public String sql() {
        return "'" + name() + "'";
    }

    /** Where this status may go: the targets of the moves that start here. */
    public Set<ErasureStatus> allowedNext() {
        Set<ErasureStatus> next = EnumSet.noneOf(ErasureStatus.class);
        Arrays.stream(StatusMove.values()).filter(move -> move.startsFrom(this)).forEach(move -> next.add(move.to()));
        return next;
    }
}
