package com.acme.privacy.export;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** @param timeout longest an export may stream before its database transaction is ended */
@ConfigurationProperties("privacy.export")
@Validated
record ExportProperties(@DefaultValue("30m") @NotNull @DurationMin(seconds = 1) Duration timeout) {
}
