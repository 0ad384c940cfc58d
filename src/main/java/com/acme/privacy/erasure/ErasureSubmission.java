package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.Objects;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;

/**
 * A validated request to erase a subject, as a portal submitted it.
 *
 * @param receivedAt         when the subject asked; {@code null} means now
 * @param idempotencyKey     the portal's key for safe retries, or {@code null}
 * @param correlationId      the X-Request-Id of the submitting call, for the logs
 * @param notBefore          nothing is sent to Gong before this time, or {@code null}
 * @param holdUntilConfirmed nothing is sent to Gong until someone releases the request
 */
public record ErasureSubmission(EmailAddress email, PhoneNumber phone, Regulation regulation, String source,
                                String externalReference, Instant receivedAt, String idempotencyKey, String correlationId,
                                Instant notBefore, boolean holdUntilConfirmed) {

    public ErasureSubmission {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(regulation, "regulation");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Everything the portal sent, in a fixed order; hashed to tell a retry from a different request. The ordering
     * guard is added only when used, so that requests stored before it keep their fingerprints.
     */
    String canonicalForm() {
        String sent = String.join("\n", email.value(), phone == null ? "" : phone.value(), regulation.name(), source,
                Objects.toString(externalReference, ""), Objects.toString(receivedAt, ""));
        return sent + (notBefore == null ? "" : "\nnotBefore=" + notBefore) + (holdUntilConfirmed ? "\nholdUntilConfirmed" : "");
    }
}
