package com.acme.privacy.suppression;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * How the suppression list may be asked.
 *
 * @param checksPerSecond checks each caller may make per second on one replica; beyond it {@code 429}. The check is an
 *                        oracle by design: the rate bounds how fast a caller can try addresses
 */
@ConfigurationProperties("privacy.suppression")
@Validated
public record SuppressionProperties(@DefaultValue("20") @Positive int checksPerSecond) {
}
