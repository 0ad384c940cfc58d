package com.acme.privacy.dispatch;

import java.time.Duration;

/** What a completion check concludes for its request. */
sealed interface CheckVerdict {

    /** Nothing left at Gong: COMPLETED. */
    record Completed() implements CheckVerdict {
    }

    /** Data left after the first erasure: it was sent again, and the request is checked again after the delay. */
    record DataLeft() implements CheckVerdict {
    }

    /** Data left after the erasure was sent again: NEEDS_ATTENTION. */
    record NeedsAttention() implements CheckVerdict {
    }

    /** The check could not be made; it is tried again after {@code delay}. */
    record Later(Duration delay, String reason) implements CheckVerdict {
    }
}
