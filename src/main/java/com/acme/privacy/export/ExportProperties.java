package com.acme.privacy.export;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param timeout longest an export may stream before its database transaction is ended */
@ConfigurationProperties("privacy.export")
@Validated
record ExportProperties(@DefaultValue("30m") Duration timeout) {
}
