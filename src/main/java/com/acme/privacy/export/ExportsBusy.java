package com.acme.privacy.export;

import java.time.Duration;

/** Every export slot of this replica, or of this caller, is taken; it may try again after {@code retryAfter}. */
public class ExportsBusy extends RuntimeException {

    private final boolean perCaller;
    private final Duration retryAfter;

    ExportsBusy(boolean perCaller, Duration retryAfter) {
        super(null, null, false, false);
        this.perCaller = perCaller;
        this.retryAfter = retryAfter;
    }

    /** Whether the caller's own exports fill its share, rather than everyone's the replica's. */
    public boolean perCaller() {
        return perCaller;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
