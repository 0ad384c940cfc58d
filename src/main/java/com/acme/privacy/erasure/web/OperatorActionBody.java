package com.acme.privacy.erasure.web;

import com.acme.privacy.pii.NamesNoSubject;

import jakarta.validation.constraints.Size;

/** The optional body of an operator action: why it was taken, for the audit trail. */
record OperatorActionBody(
        @Size(max = 500) @PlainText @NamesNoSubject
        String reason) {

    /** The reason given, or {@code fallback} when the body or its reason is absent. */
    static String reasonOr(OperatorActionBody body, String fallback) {
        return body == null || body.reason() == null ? fallback : body.reason();
    }
}
