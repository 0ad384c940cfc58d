package com.acme.privacy.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

import com.acme.privacy.security.Caller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * Admits a caller's submission or refuses it with the time to wait. The rate is a Resilience4j limiter per caller,
 * kept in a bounded cache rather than a registry (the Gong limiter's registry publishes a metric per limiter and
 * never forgets one, and people signing in through SSO are not a short list): a limiter idle for an hour has all its
 * permits back, so forgetting it loses nothing. The daily count is shared and persistent.
 */
@Component
class SubmissionQuotas {

    private final QuotaProperties properties;
    private final DailySubmissions daily;
    private final QuotaMetrics metrics;
    private final Clock clock;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .executor(Runnable::run)
            .build();

    SubmissionQuotas(QuotaProperties properties, DailySubmissions daily, QuotaMetrics metrics, Clock clock) {
        this.properties = properties;
        this.daily = daily;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @throws QuotaExceeded when the caller is over its rate or has used up today's submissions */
    void admit(Caller caller) {
        QuotaProperties.Limits limits = limitsOf(caller);
        metrics.watchDailyShare(caller, daily, limits.perDay());
        RateLimiter rate = limiters.get(caller.source(), source -> RateLimiter.of(source, rateConfig(limits.perSecond())));
        if (!rate.acquirePermission()) {
            metrics.refused(caller, Quota.RATE);
            throw new QuotaExceeded(Quota.RATE, untilNextPermit(rate));
        }
        if (!daily.admit(caller.source(), limits.perDay())) {
            metrics.refused(caller, Quota.DAILY);
            throw new QuotaExceeded(Quota.DAILY, untilTomorrow());
        }
    }

    QuotaProperties.Limits limitsOf(Caller caller) {
        return caller.kind() == Caller.Kind.USER ? properties.sso() : properties.forClient(caller.name());
    }

    /** A whole number of permits per period, so that a rate below one per second still allows one at a time. */
    static RateLimiterConfig rateConfig(double perSecond) {
        int permits = (int) Math.max(1, Math.round(perSecond));
        return RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(Duration.ofNanos(Math.round(permits / perSecond * 1e9)))
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    private static Duration untilNextPermit(RateLimiter rate) {
        return rate instanceof AtomicRateLimiter atomic
                ? Duration.ofNanos(atomic.getDetailedMetrics().getNanosToWait())
                : rate.getRateLimiterConfig().getLimitRefreshPeriod();
    }

    private Duration untilTomorrow() {
        Instant now = clock.instant();
        return Duration.between(now, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC));
    }
}
