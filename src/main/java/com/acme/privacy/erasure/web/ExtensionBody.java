package com.acme.privacy.erasure.web;

import java.time.Instant;

import com.acme.privacy.pii.NamesNoSubject;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A deadline extension: why (the subject must be told), and optionally to when. */
record ExtensionBody(
        @Schema(description = "Why more time is needed, as told to the subject",
                example = "Records in three systems, ticket PRIV-90")
        @NotBlank @Size(max = 500) @PlainText @NamesNoSubject
        String reason,
        @Schema(description = "The new deadline; defaults to the longest the regulation allows (GDPR two more months, "
                + "CCPA 45 more days)", example = "2027-01-27T09:30:00Z")
        Instant dueAt) {
}
