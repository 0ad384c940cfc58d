package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    static final String GONG = "gong";

    /**
     * One permit per interval rather than N per second, so that calls are spread evenly and never burst into Gong's
     * leaky bucket. Registered in the registry so that its metrics are exported.
     */
    @Bean
    RateLimiter gongRateLimiter(RateLimiterRegistry registry, DispatchProperties properties) {
        Duration interval = Duration.ofNanos(Math.round(1_000_000_000 / properties.callsPerSecond()));
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(interval)
                // One dispatcher thread waits for at most one interval; more means something else took the permits.
                .timeoutDuration(interval.multipliedBy(5))
                .build();
        return registry.rateLimiter(GONG, config);
    }

    /** Configured under {@code resilience4j.circuitbreaker.instances.gong}. */
    @Bean
    CircuitBreaker gongCircuitBreaker(CircuitBreakerRegistry registry) {
        return registry.circuitBreaker(GONG);
    }

    @Bean
    OutcomePolicy outcomePolicy(DispatchProperties properties) {
        return new OutcomePolicy(properties, new Backoff(properties.backoffInitial(), properties.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble()));
    }
}
