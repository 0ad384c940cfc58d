package com.acme.privacy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts failed authentications in {@code privacy_auth_failures_total{reason}} and logs repeated failures per
 * remote address: the first of each minute, then every tenth, so that a probing client shows without flooding the log.
 * Neither the presented key nor the token is ever logged.
 */
@Component
class AuthenticationFailures {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFailures.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 10_000;

    private record Window(Instant start, int failures) {
    }

    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    AuthenticationFailures(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    void record(String remoteAddress, String reason) {
        Counter.builder("privacy.auth.failures")
                .description("Failed authentications, by reason")
                .tag("reason", reason)
                .register(meters)
                .increment();
        Instant now = clock.instant();
        if (byAddress.size() > MAX_TRACKED) {
            byAddress.values().removeIf(window -> window.start().plus(WINDOW).isBefore(now));
        }
        Window window = byAddress.merge(remoteAddress, new Window(now, 1), (old, fresh) ->
                old.start().plus(WINDOW).isBefore(now) ? fresh : new Window(old.start(), old.failures() + 1));
        if (window.failures() == 1 || window.failures() % 10 == 0) {
            log.warn("Authentication failed from {}: {} ({} in the last minute)", remoteAddress, reason, window.failures());
        }
    }
}
