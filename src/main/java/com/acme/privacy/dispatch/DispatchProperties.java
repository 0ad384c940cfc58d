package com.acme.privacy.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * How requests are forwarded to Gong. Gong's limits ({@code privacy.gong.max-calls-*}) are shared with the company's
 * other integrations; the defaults stay well inside them.
 *
 * @param enabled                        whether this replica dispatches at all (off for API-only pods)
 * @param replicaId                      this replica's name in leases and the audit trail; defaults to the host name
 * @param pollInterval                   pause between dispatch rounds
 * @param callsPerSecond                 highest pace of calls for the whole deployment; at most Gong's limit
 * @param dailyBudget                    calls per UTC day for the whole deployment; at most Gong's daily limit
 * @param lease                          how long a claim is held before another replica may take it over
 * @param maxBatch                       most requests claimed in one round
 * @param maxAttempts                    counted attempts before a request is FAILED
 * @param backoffInitial                 wait after the first failed attempt; doubles with every further one
 * @param backoffMax                     longest wait between attempts
 * @param defaultRetryAfter              pause after a 429 without a readable Retry-After
 * @param credentialsRetryInterval       pause after Gong rejected the credentials, before trying again
 * @param misconfigurationRetryInterval  pause after a 404, 405 or 410, before trying again
 * @param missingKeyStandby              how long a replica stands back after meeting a key id it lacks
 * @param failoverTimeout                how soon PostgreSQL frees the lead of a replica that vanished
 * @param watchdogMargin                 how much longer than the longest call a round may go without progress
 * @param shutdownGrace                  how long shutdown waits for an in-flight call to finish and be recorded
 * @param pace                           how the pace adapts to 429s
 * @param completionCheck                whether and when Gong is asked what is left after an erasure
 */
@ConfigurationProperties("privacy.dispatch")
@Validated
public record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        String replicaId,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2.5") @DecimalMin(value = "0", inclusive = false) double callsPerSecond,
        @DefaultValue("5000") @Min(1) int dailyBudget,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("50") @Min(1) int maxBatch,
        @DefaultValue("10") @Min(1) int maxAttempts,
        @DefaultValue("30s") Duration backoffInitial,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("60s") Duration defaultRetryAfter,
        @DefaultValue("5m") Duration credentialsRetryInterval,
        @DefaultValue("5m") Duration misconfigurationRetryInterval,
        @DefaultValue("1m") Duration missingKeyStandby,
        @DefaultValue("30s") Duration failoverTimeout,
        @DefaultValue("15s") Duration watchdogMargin,
        @DefaultValue("30s") Duration shutdownGrace,
        @DefaultValue @Valid Pace pace,
        @DefaultValue @Valid CompletionCheck completionCheck) {

    public DispatchProperties {
        if (replicaId == null || replicaId.isBlank()) {
            replicaId = hostName();
        }
    }

    /**
     * Additive increase, multiplicative decrease, with a memory: a 429 multiplies the pace by {@code decreaseFactor}
     * and caps its recovery at {@code ceilingFactor} of the pace that drew it, until {@code ceilingRecovery} passes
     * without a 429. So when other integrations take part of Gong's limit, the pace settles below what is left.
     *
     * @param decreaseFactor     what a 429 multiplies the pace by
     * @param ceilingFactor      the share of the pace that drew a 429 that the pace may recover to
     * @param increasePerSuccess calls per second added after each successful call
     * @param ceilingRecovery    how long without a 429 before the pace may rise to {@code calls-per-second} again
     */
    public record Pace(
            @DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double decreaseFactor,
            @DefaultValue("0.9") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double ceilingFactor,
            @DefaultValue("0.01") @DecimalMin(value = "0", inclusive = false) double increasePerSuccess,
            @DefaultValue("1h") Duration ceilingRecovery) {
    }

    /**
     * Gong's receipt only says it accepted an erasure, which takes hours; the check asks {@code data-for-*} what is
     * left, at lower priority than erasures.
     *
     * @param enabled        off: SUBMITTED is the end of a request
     * @param delay          how long after SUBMITTED the check runs
     * @param retryInterval  when a check could not be made (Gong failed, refused the read), how soon it is tried again
     * @param maxBudgetShare the most of the daily budget checks may use, so that erasures arriving late in the day
     *                       still find calls left
     * @param maxFailures    checks in a row that could not be made (an error answer, an unreadable answer or key, a
     *                       refused read) before the request needs a person (NEEDS_ATTENTION)
     */
    public record CompletionCheck(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") Duration delay,
            @DefaultValue("1h") Duration retryInterval,
            @DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double maxBudgetShare,
            @DefaultValue("6") @Min(1) int maxFailures) {
    }

    private static String hostName() {
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
