package com.acme.privacy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts failed authentications in {@code privacy_auth_failures_total{reason}} and logs repeated failures per
 * remote address: the first of each minute, then every tenth, so that a probing client shows without flooding the log.
 * Neither the presented key nor the token is ever logged.
 * <p>
 * The remote address is whatever the servlet container reports, which behind a proxy may come from
 * {@code X-Forwarded-For} (README, "Security"): a caller can make up as many addresses as it likes. So the windows are
 * a bounded cache, each ending a minute after its first failure, and an address is cut to the length of an IPv6 one.
 */
@Component
class AuthenticationFailures {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFailures.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 10_000;
    /** The longest textual IPv6 address, IPv4-mapped, with a zone index to spare. */
    private static final int MAX_ADDRESS = 64;

    private final Cache<String, AtomicInteger> failuresByAddress;
    private final MeterRegistry meters;

    AuthenticationFailures(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.failuresByAddress = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                // Counting in place is no write: a window ends a minute after it began, however busy.
                .expireAfterWrite(WINDOW)
                .ticker(() -> nanos(clock.instant()))
                // Evictions on the caller's thread, not on a pool of their own.
                .executor(Runnable::run)
                .build();
    }

    void record(String remoteAddress, String reason) {
        Counter.builder("privacy.auth.failures")
                .description("Failed authentications, by reason")
                .tag("reason", reason)
                .register(meters)
                .increment();
        String address = remoteAddress.length() > MAX_ADDRESS ? remoteAddress.substring(0, MAX_ADDRESS) : remoteAddress;
        int failures = failuresByAddress.get(address, key -> new AtomicInteger()).incrementAndGet();
        if (failures == 1 || failures % 10 == 0) {
            log.warn("Authentication failed from {}: {} ({} in the last minute)", address, reason, failures);
        }
    }

    /** How many addresses have a window open now. */
    long tracked() {
        failuresByAddress.cleanUp();
        return failuresByAddress.estimatedSize();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
