package com.acme.privacy.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The service's clock, moved forward by a test instead of waiting; import {@link Time} to install it. */
public final class SettableClock extends Clock {

    /** In microseconds, PostgreSQL's precision, like the service's own clock: a value reads back as written. */
    private volatile Instant now;

    public SettableClock() {
        this(Instant.now());
    }

    public SettableClock(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.MICROS);
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Calendar arithmetic in UTC, as the service counts months. */
    public void advance(Period period) {
        now = now.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Time {

        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }
}
