package com.acme.privacy.pii;

/** The identifier was sealed under a key id this replica is not configured with; another replica may be. */
public final class DecryptionKeyMissing extends IdentifierUnreadable {

    DecryptionKeyMissing(String keyId) {
        super("No decryption key configured for key id " + keyId, keyId);
    }
}
