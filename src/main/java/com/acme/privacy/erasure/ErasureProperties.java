package com.acme.privacy.erasure;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param otherRegulationDeadline time allowed to answer a request under regulation OTHER
 * @param maxClockSkew            how far in the future a supplied {@code receivedAt} may lie
 * @param maxReceiptAge           how far in the past a supplied {@code receivedAt} may lie; the queue is ordered by
 *                                deadline, so an older one would jump it
 * @param auditRecheckInterval    how long a request's verified audit trail is trusted before a read re-hashes all of it
 * @param otherRegulationExtension how far the deadline of a request under regulation OTHER may be extended, once
 * @param deadlineWarning         how long before its deadline a FAILED or NEEDS_ATTENTION request is counted as due
 *                                soon, for the alert that a person must act
 * @param intakeConnections       how many statements may store new requests at once, each on a connection of the
 *                                pool; submissions that arrive meanwhile are stored together by the next one
 */
@ConfigurationProperties("privacy.erasure")
@Validated
public record ErasureProperties(
        @DefaultValue("30d") @NotNull @DurationMin(days = 1) Duration otherRegulationDeadline,
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 0) Duration maxClockSkew,
        @DefaultValue("90d") @NotNull @DurationMin(days = 1) Duration maxReceiptAge,
        @DefaultValue("10m") @NotNull @DurationMin(seconds = 0) Duration auditRecheckInterval,
        @DefaultValue("30d") @NotNull @DurationMin(seconds = 0) Duration otherRegulationExtension,
        @DefaultValue("7d") @NotNull @DurationMin(seconds = 0) Duration deadlineWarning,
        @DefaultValue("2") @Min(1) int intakeConnections) {
}
