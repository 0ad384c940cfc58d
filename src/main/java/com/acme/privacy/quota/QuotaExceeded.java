package com.acme.privacy.quota;

import java.time.Duration;

/** The caller has used up a quota; it may submit again after {@code retryAfter}. */
class QuotaExceeded extends RuntimeException {

    private final Quota quota;
    private final Duration retryAfter;

    QuotaExceeded(Quota quota, Duration retryAfter) {
        super(null, null, false, false);
        this.quota = quota;
        this.retryAfter = retryAfter;
    }

    Quota quota() {
        return quota;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
