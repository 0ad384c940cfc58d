package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the wait doubles with each failed attempt up to a cap, and a random part of up to
 * half of it spreads retries that failed together.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    Duration after(int attempt) {
        double exponential = initial.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (0.5 + 0.5 * random.getAsDouble())));
    }
}
