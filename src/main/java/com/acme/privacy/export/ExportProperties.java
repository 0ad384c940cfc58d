package com.acme.privacy.export;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Exports stream for as long as their reader takes, each holding a database connection in one transaction, so how
 * many run at once and how much each covers are bounded: the connection pool must keep serving the API.
 *
 * @param timeout                longest an export may stream before its database transaction is ended
 * @param maxConcurrent          exports (and anchor heads lists) streaming at once on this replica; keep it well below
 *                               the connection pool's size ({@code spring.datasource.hikari.maximum-pool-size}, 10)
 * @param maxConcurrentPerClient exports streaming at once for one caller on this replica
 * @param maxRange               longest range one export may cover
 */
@ConfigurationProperties("privacy.export")
@Validated
record ExportProperties(
        @DefaultValue("30m") @NotNull @DurationMin(seconds = 1) Duration timeout,
        @DefaultValue("2") @Positive int maxConcurrent,
        @DefaultValue("1") @Positive int maxConcurrentPerClient,
        @DefaultValue("366d") @NotNull @DurationMin(days = 1) Duration maxRange) {

    @AssertTrue(message = "max-concurrent-per-client must not exceed max-concurrent")
    boolean isPerClientWithinReplica() {
        return maxConcurrentPerClient <= maxConcurrent;
    }
}
