package com.acme.privacy.pii;

import java.util.UUID;

/**
 * An encrypted identifier, the id of the key that sealed it, and the request it is sealed to: its ciphertext opens
 * only as that request's, so it cannot be moved to another row. {@code requestId} is {@code null} for values sealed
 * before that binding existed, which name only the identifier's kind.
 */
public record Sealed(String keyId, byte[] ciphertext, UUID requestId) {
}
