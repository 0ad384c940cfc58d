package com.acme.privacy.pii;

/** What is stored for an identifier: its ciphertext and its keyed lookup hash. */
public record SealedIdentifier(Sealed sealed, byte[] lookupHash) {
}
