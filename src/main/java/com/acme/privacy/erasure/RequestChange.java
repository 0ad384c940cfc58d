package com.acme.privacy.erasure;

import org.springframework.modulith.NamedInterface;

/** The changes of a request that matter to the portal that submitted it. */
@NamedInterface("events")
public enum RequestChange {
    SUBMITTED, COMPLETED, NEEDS_ATTENTION, FAILED, CANCELLED, DEADLINE_EXTENDED, HOLD_RELEASED;

    /** The change a status move makes, or {@code null} when the portal need not hear of it. */
    public static RequestChange of(StatusMove move) {
        return switch (move) {
            case SUBMIT -> SUBMITTED;
            case COMPLETE -> COMPLETED;
            case ESCALATE -> NEEDS_ATTENTION;
            case FAIL -> FAILED;
            case CANCEL -> CANCELLED;
            case RELEASE -> HOLD_RELEASED;
            case CLAIM, REQUEUE, RETRY -> null;
        };
    }
}
