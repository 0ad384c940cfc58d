package com.acme.privacy.pii;

import java.util.UUID;

/**
 * An encrypted identifier, the id of the key that sealed it, and the request it is read for: its ciphertext opens only
 * as the request's it was sealed to, so it cannot be moved to another row. The ciphertext's first byte says how it was
 * sealed; a value sealed before that binding existed names only the identifier's kind, and is opened only to be sealed
 * again to its request ({@link ProtectedIdentifiers#resealEmail}). {@code requestId} may be {@code null} for such a
 * value; a value sealed to a request never opens without it.
 */
public record Sealed(String keyId, byte[] ciphertext, UUID requestId) {
}
