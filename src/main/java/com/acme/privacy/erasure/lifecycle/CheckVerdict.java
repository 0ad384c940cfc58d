package com.acme.privacy.erasure.lifecycle;

import java.time.Duration;

/** What a completion check concludes for its request. */
public sealed interface CheckVerdict {

    /** Nothing left at Gong: COMPLETED. */
    record Completed() implements CheckVerdict {
    }

    /**
     * Data left after the first erasure: it was sent again, and the request is checked again after {@code delay}.
     */
    record DataLeft(Duration delay) implements CheckVerdict {
    }

    /**
     * A person must look: data left after the erasure was sent again, or the checks kept failing.
     *
     * @param dataLeft whether this check found data
     */
    record NeedsAttention(String reason, boolean dataLeft) implements CheckVerdict {
    }

    /**
     * The check was not made; it is tried again after {@code delay}.
     *
     * @param failed whether it failed for the request's own sake (Gong answered but not usefully, an unreadable
     *               answer or key), which counts towards the checks' limit; a pause or a closed gate does not
     */
    record Later(Duration delay, String reason, boolean failed) implements CheckVerdict {
    }
}
