package com.acme.privacy.dispatch;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.acme.privacy.gong.GongProperties;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    static final String GONG = "gong";
    private static final Logger log = LoggerFactory.getLogger(DispatchConfiguration.class);

    /**
     * The hard cap at {@code calls-per-second}, one permit per interval, registered so that its metrics are exported.
     * {@link GongPace} spaces the calls inside it.
     */
    @Bean
    RateLimiter gongRateLimiter(RateLimiterRegistry registry, DispatchProperties properties, GongProperties gong) {
        checkSettings(properties, gong);
        Duration interval = Duration.ofNanos(Math.round(1_000_000_000 / properties.callsPerSecond()));
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(interval)
                // The pace already spaced the call; a longer wait means something else took the permits.
                .timeoutDuration(interval.multipliedBy(5))
                .build();
        return registry.rateLimiter(GONG, config);
    }

    /** Refuses to start beyond the company's limits at Gong, and warns when identifiers would travel in clear. */
    static void checkSettings(DispatchProperties properties, GongProperties gong) {
        if (properties.callsPerSecond() > gong.maxCallsPerSecond()) {
            throw new IllegalStateException("privacy.dispatch.calls-per-second (" + properties.callsPerSecond() + ") exceeds "
                    + "Gong's limit privacy.gong.max-calls-per-second (" + gong.maxCallsPerSecond() + ")");
        }
        if (properties.dailyBudget() > gong.maxCallsPerDay()) {
            throw new IllegalStateException("privacy.dispatch.daily-budget (" + properties.dailyBudget() + ") exceeds "
                    + "Gong's limit privacy.gong.max-calls-per-day (" + gong.maxCallsPerDay() + ")");
        }
        if (gong.sendsInClearOverTheNetwork()) {
            log.warn("privacy.gong.allow-plain-http is set: identifiers go to Gong unencrypted. Only for a local sandbox.");
        }
    }

    /** Configured under {@code resilience4j.circuitbreaker.instances.gong}. */
    @Bean
    CircuitBreaker gongCircuitBreaker(CircuitBreakerRegistry registry) {
        return registry.circuitBreaker(GONG);
    }

    @Bean
    GongPace gongPace(DispatchProperties properties) {
        return new GongPace(properties.callsPerSecond(), properties.pace(), System::nanoTime);
    }

    /** A call that fails while the circuit is not closed waits out two open periods, so that test calls rotate. */
    @Bean
    OutcomePolicy outcomePolicy(DispatchProperties properties, CircuitBreaker gongCircuitBreaker) {
        Duration openWait = Duration.ofMillis(gongCircuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
        return new OutcomePolicy(properties, OutcomePolicy.backoff(properties), openWait.multipliedBy(2));
    }
}
