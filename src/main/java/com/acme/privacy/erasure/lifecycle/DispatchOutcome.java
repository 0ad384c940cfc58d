package com.acme.privacy.erasure.lifecycle;

import java.time.Duration;

/** What a claim comes to. Only outcomes of the request's own making count an attempt. */
public sealed interface DispatchOutcome {

    /** This identifier is erased; another remains, so the request stays claimed. */
    record Progress() implements DispatchOutcome {
    }

    /**
     * Every identifier is erased at Gong.
     *
     * @param checkAfter when Gong is asked what is left; {@code null} with completion checks off
     */
    record Submitted(Duration checkAfter) implements DispatchOutcome {
    }

    /** Needs a human; no automatic retry. */
    record Failed(String reason) implements DispatchOutcome {
    }

    /** Try again after {@code delay}; the attempt counts against the limit. */
    record RetryLater(Duration delay, String reason) implements DispatchOutcome {
    }

    /**
     * Back to the queue for reasons not the request's own (rate limit, credentials, an outage, shutdown, no call
     * made); the attempt does not count.
     */
    record Requeued(Duration delay, String reason) implements DispatchOutcome {
    }
}
