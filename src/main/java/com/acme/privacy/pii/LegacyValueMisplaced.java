package com.acme.privacy.pii;

/**
 * A value sealed before values were bound to their request decrypts, but not to the identifier its row is known by (its
 * keyed hash): it was copied there from another row or a backup, so it belongs to no row and is never sealed again.
 */
public final class LegacyValueMisplaced extends IdentifierUnreadable {

    LegacyValueMisplaced(String keyId) {
        super("A legacy identifier ciphertext (key id " + keyId + ") does not match its row's lookup hash", keyId);
    }
}
