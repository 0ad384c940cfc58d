package com.acme.privacy.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/** @param maxBodySize largest request body accepted; larger ones get 413 */
@ConfigurationProperties("privacy.web")
@Validated
record WebLimits(@DefaultValue("16KB") @NotNull DataSize maxBodySize) {

    @AssertTrue(message = "max-body-size must be at least one byte")
    boolean isBodyAllowed() {
        return maxBodySize == null || maxBodySize.toBytes() > 0;
    }
}
