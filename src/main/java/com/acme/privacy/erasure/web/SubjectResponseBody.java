package com.acme.privacy.erasure.web;

import java.time.Instant;

import com.acme.privacy.erasure.ResponseChannel;
import com.acme.privacy.erasure.ResponseGiven;
import com.acme.privacy.erasure.SubjectResponseKind;
import com.acme.privacy.pii.NamesNoSubject;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the data subject was told, when and how. */
record SubjectResponseBody(
        @Schema(description = "CONFIRMED_ERASURE (needs SUBMITTED or COMPLETED), PARTIAL (likewise, with a basis), DENIAL "
                + "(of a CANCELLED request, with a basis) or EXTENSION_NOTICE (of an extended deadline)")
        @NotNull
        SubjectResponseKind kind,
        @Schema(description = "On what basis the request was refused, in whole (DENIAL) or in part (PARTIAL); only for "
                + "those. Kept for years in the audit trail: no email address or phone number", example = "Records kept "
                + "for the statutory tax retention period, ticket PRIV-311")
        @Size(max = 500) @PlainText @NamesNoSubject @Pattern(regexp = TextRules.NOT_BLANK, message = TextRules.NOT_BLANK_MESSAGE)
        String basis,
        @Schema(description = "When the subject was told, ISO-8601 with an offset; not before the request was received, "
                + "not in the future", example = "2026-12-01T10:15:00Z")
        @NotNull
        Instant respondedAt,
        @Schema(description = "How the subject was told")
        @NotNull
        ResponseChannel channel) {

    ResponseGiven toResponse() {
        return new ResponseGiven(kind, basis, respondedAt, channel);
    }
}
