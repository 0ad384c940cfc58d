package com.acme.privacy.erasure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param otherRegulationDeadline time allowed to answer a request under regulation OTHER
 * @param maxClockSkew            how far in the future a supplied {@code receivedAt} may lie
 */
@ConfigurationProperties("privacy.erasure")
public record ErasureProperties(
        @DefaultValue("30d") Duration otherRegulationDeadline,
        @DefaultValue("5m") Duration maxClockSkew) {
}
