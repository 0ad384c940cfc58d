package com.acme.privacy.pii;

/**
 * What is stored for an identifier: its ciphertext, its keyed lookup hash with the hash key's id, and its masked form
 * for display, which outlives the ciphertext.
 */
public record SealedIdentifier(Sealed sealed, byte[] lookupHash, String hashKeyId, String masked) {
}
