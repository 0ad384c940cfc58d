package com.acme.privacy.erasure.web;

import com.acme.privacy.pii.NamesNoSubject;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** The optional body of an operator action: why it was taken, for the audit trail. */
record OperatorActionBody(
        @Schema(description = "Kept for years in the audit trail: no email address or phone number",
                example = "Integrity refusal cleared with Gong support, ticket 123")
        @Size(max = 500) @PlainText @NamesNoSubject
        String reason) {

    /** The reason given, or {@code fallback} when the body or its reason is absent. */
    static String reasonOr(OperatorActionBody body, String fallback) {
        return body == null || body.reason() == null ? fallback : body.reason();
    }
}
