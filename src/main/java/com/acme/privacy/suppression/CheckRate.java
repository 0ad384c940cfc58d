package com.acme.privacy.suppression;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.acme.privacy.security.Caller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * A Resilience4j limiter per caller, in a bounded cache (callers signed in through SSO are not a short list); one idle
 * for a minute has all its permits back, so forgetting it loses nothing.
 */
@Component
class CheckRate {

    private final RateLimiterConfig config;
    private final SuppressionMetrics metrics;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(1))
            .executor(Runnable::run)
            .build();

    CheckRate(SuppressionProperties properties, SuppressionMetrics metrics) {
        this.metrics = metrics;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(properties.checksPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    /** @throws ChecksTooFrequent when the caller used up this second's checks */
    void admit(Caller caller) {
        if (!limiters.get(caller.source(), source -> RateLimiter.of(source, config)).acquirePermission()) {
            metrics.checked(caller, "refused");
            throw new ChecksTooFrequent();
        }
    }
}
