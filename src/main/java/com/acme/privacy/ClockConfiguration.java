package com.acme.privacy;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /**
     * Injected wherever the JVM's time is used, so that tests can control it. Ticks in microseconds, PostgreSQL's
     * precision, so that a value reads back exactly as it was written.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
