package com.acme.privacy.retention;

import java.time.LocalDate;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * How long the service keeps its own personal data after a request closed.
 *
 * @param enabled        off suspends every purge and anonymisation, e.g. during a legal hold
 * @param purgeAfter     after this, the request's identifier ciphertexts are destroyed
 * @param anonymiseAfter after this, its keyed hashes, masked identifiers and references go too (CCPA Regs §7101 asks
 *                       for 24 months of records)
 */
@ConfigurationProperties("privacy.retention")
@Validated
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30d") Period purgeAfter,
        @DefaultValue("P25M") Period anonymiseAfter) {

    @AssertTrue(message = "anonymise-after must be longer than purge-after, and purge-after longer than nothing")
    boolean isAnonymisationAfterPurge() {
        LocalDate start = LocalDate.of(2000, 1, 1);
        return start.plus(purgeAfter).isAfter(start) && start.plus(anonymiseAfter).isAfter(start.plus(purgeAfter));
    }
}
