package com.acme.privacy.erasure.web;

import com.acme.privacy.pii.NamesNoSubject;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a held request may go now, e.g. "CRM erasure done, ticket 123": the audit trail must say. */
record ReleaseBody(
        @Schema(description = "Why it may go now. Kept for years in the audit trail: no email address or phone number",
                example = "CRM erasure done, ticket 123")
        @NotBlank @Size(max = 500) @PlainText @NamesNoSubject
        String reason) {
}
