package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.acme.privacy.gong.GongProperties;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

/** The dispatcher's settings may not go beyond the company's limits at Gong: a replica so set does not start. */
class GongLimitsTest {

    private final ApplicationContextRunner dispatch = new ApplicationContextRunner()
            .withUserConfiguration(DispatchConfiguration.class, Registries.class);

    @Test
    void refusesToStartBeyondGongsLimitsForTheCompany() {
        dispatch.withPropertyValues("privacy.dispatch.calls-per-second=3.5").run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("privacy.dispatch.calls-per-second (3.5) exceeds Gong's limit privacy.gong.max-calls-per-second (3.0)"));
        dispatch.withPropertyValues("privacy.dispatch.daily-budget=10001").run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("privacy.dispatch.daily-budget (10001) exceeds Gong's limit privacy.gong.max-calls-per-day (10000)"));
    }

    @Test
    void startsWithinLimitsTheCompanyWasGranted() {
        dispatch.withPropertyValues("privacy.gong.max-calls-per-second=5", "privacy.dispatch.calls-per-second=3.5")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(GongPace.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DispatchProperties.class, GongProperties.class})
    static class Registries {

        @Bean
        RateLimiterRegistry rateLimiterRegistry() {
            return RateLimiterRegistry.ofDefaults();
        }

        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            return CircuitBreakerRegistry.ofDefaults();
        }
    }
}
