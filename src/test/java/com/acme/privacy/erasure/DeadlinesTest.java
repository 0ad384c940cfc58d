package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines(
            new ErasureProperties(Duration.ofDays(30), Duration.ofMinutes(5), Duration.ofDays(90), Duration.ofMinutes(10),
            Duration.ofDays(30), Duration.ofDays(7), 2));

    @ParameterizedTest
    @CsvSource({
            "GDPR,  2026-01-31T10:00:00Z, 2026-02-28T10:00:00Z",
            "GDPR,  2028-01-31T10:00:00Z, 2028-02-29T10:00:00Z",
            "GDPR,  2026-03-15T00:00:00Z, 2026-04-15T00:00:00Z",
            "CCPA,  2026-11-01T00:00:00Z, 2026-12-16T00:00:00Z",
            "OTHER, 2026-11-01T00:00:00Z, 2026-12-01T00:00:00Z"})
    void countsFromReceiptPerRegulation(Regulation regulation, Instant receivedAt, Instant dueAt) {
        assertThat(deadlines.dueAt(regulation, receivedAt)).isEqualTo(dueAt);
    }

    @ParameterizedTest
    @CsvSource({
            "GDPR,  2026-02-28T10:00:00Z, 2026-04-28T10:00:00Z",
            "GDPR,  2026-12-31T00:00:00Z, 2027-02-28T00:00:00Z",
            "CCPA,  2026-12-16T00:00:00Z, 2027-01-30T00:00:00Z",
            "OTHER, 2026-12-01T00:00:00Z, 2026-12-31T00:00:00Z"})
    void extendsOnceByTheRegulationsAllowance(Regulation regulation, Instant dueAt, Instant latest) {
        assertThat(deadlines.latestExtension(regulation, dueAt)).isEqualTo(latest);
    }
}
