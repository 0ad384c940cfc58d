package com.acme.privacy;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Deployment-wide gauges (queue depths, overdue requests, anchors) are read from PostgreSQL on a schedule rather than
 * on every scrape; several modules publish them, so the setting sits beside the application.
 *
 * @param refreshInterval how often deployment-wide gauges are read from PostgreSQL
 */
@ConfigurationProperties("privacy.metrics")
@Validated
public record MetricsProperties(@DefaultValue("15s") @NotNull @DurationMin(millis = 1) Duration refreshInterval) {
}
