package com.acme.privacy.erasure;

/** What became of a submission. */
public record Submitted(ErasureRequest request, Outcome outcome) {

    public enum Outcome {
        /** A new request was stored. */
        CREATED,
        /** A retry under the same Idempotency-Key; the original request is returned. */
        REPLAYED,
        /** The subject already had an open request; it is returned and the repeat is in its audit trail. */
        ALREADY_OPEN
    }
}
