package com.acme.privacy.erasure.web;

import com.acme.privacy.pii.NamesNoSubject;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a held request may go now, e.g. "CRM erasure done, ticket 123": the audit trail must say. */
record ReleaseBody(
        @NotBlank @Size(max = 500) @PlainText @NamesNoSubject
        String reason) {
}
