package com.acme.privacy.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How requests are forwarded to Gong. Gong allows 3 calls/s and 10,000 calls/day per company, shared with the
 * company's other integrations; the defaults stay well inside that.
 *
 * @param enabled                  whether this replica dispatches at all (off for API-only pods)
 * @param replicaId                this replica's name in leases and the audit trail; defaults to the host name
 * @param pollInterval             pause between dispatch rounds
 * @param callsPerSecond           pace of calls for the whole deployment
 * @param dailyBudget              calls per UTC day for the whole deployment
 * @param lease                    how long a claim is held before another replica may take it over
 * @param maxBatch                 most requests claimed in one round
 * @param maxAttempts              failed attempts (5xx, timeouts, connection errors) before a request is FAILED
 * @param backoffInitial           wait after the first failed attempt; doubles with every further one
 * @param backoffMax               longest wait between attempts
 * @param defaultRetryAfter        pause after a 429 without a readable Retry-After
 * @param credentialsRetryInterval pause after Gong rejected the credentials, before trying again
 * @param shutdownGrace            how long shutdown waits for an in-flight call to finish and be recorded
 */
@ConfigurationProperties("privacy.dispatch")
@Validated
public record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        String replicaId,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax("3") double callsPerSecond,
        @DefaultValue("5000") @Min(1) @Max(10_000) int dailyBudget,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("50") @Min(1) int maxBatch,
        @DefaultValue("10") @Min(1) int maxAttempts,
        @DefaultValue("30s") Duration backoffInitial,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("60s") Duration defaultRetryAfter,
        @DefaultValue("5m") Duration credentialsRetryInterval,
        @DefaultValue("30s") Duration shutdownGrace) {

    public DispatchProperties {
        if (replicaId == null || replicaId.isBlank()) {
            replicaId = hostName();
        }
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
