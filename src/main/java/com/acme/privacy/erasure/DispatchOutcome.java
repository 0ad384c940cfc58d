package com.acme.privacy.erasure;

import java.time.Duration;

/** What a Gong call means for its request. */
public sealed interface DispatchOutcome {

    /** This identifier is erased; another remains, so the request stays claimed. */
    record Progress() implements DispatchOutcome {
    }

    /** Every identifier is erased at Gong. */
    record Submitted() implements DispatchOutcome {
    }

    /** Needs a human; no automatic retry. */
    record Failed(String reason) implements DispatchOutcome {
    }

    /** Try again after {@code delay}; the attempt counts against the limit. */
    record RetryLater(Duration delay, String reason) implements DispatchOutcome {
    }

    /** Back to the queue for reasons not the request's own (rate limit, credentials); the attempt does not count. */
    record Requeued(Duration delay, String reason) implements DispatchOutcome {
    }
}
