package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.Objects;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;

/**
 * A validated request to erase a subject, as a portal submitted it.
 *
 * @param receivedAt     when the subject asked; {@code null} means now
 * @param idempotencyKey the portal's key for safe retries, or {@code null}
 * @param correlationId  the X-Request-Id of the submitting call, for the logs
 */
public record ErasureSubmission(EmailAddress email, PhoneNumber phone, Regulation regulation, String source,
                                String externalReference, Instant receivedAt, String idempotencyKey, String correlationId) {

    public ErasureSubmission {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(regulation, "regulation");
        Objects.requireNonNull(source, "source");
    }

    /** Everything the portal sent, in a fixed order; hashed to tell a retry from a different request. */
    String canonicalForm() {
        return String.join("\n", email.value(), phone == null ? "" : phone.value(), regulation.name(), source,
                Objects.toString(externalReference, ""), Objects.toString(receivedAt, ""));
    }
}
