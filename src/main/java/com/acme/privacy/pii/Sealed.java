package com.acme.privacy.pii;

/** An encrypted identifier and the id of the key that sealed it. */
public record Sealed(String keyId, byte[] ciphertext) {
}
