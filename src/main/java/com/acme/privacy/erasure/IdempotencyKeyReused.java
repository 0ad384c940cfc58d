package com.acme.privacy.erasure;

/** The portal sent a different body under an Idempotency-Key it had already used. */
public class IdempotencyKeyReused extends RuntimeException {

    IdempotencyKeyReused() {
        super("This Idempotency-Key was already used for a request with a different body; use a new key for a new request");
    }
}
