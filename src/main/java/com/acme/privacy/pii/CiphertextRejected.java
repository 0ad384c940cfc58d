package com.acme.privacy.pii;

/** The ciphertext is damaged, truncated or was moved from another place: authentication failed. */
public final class CiphertextRejected extends IdentifierUnreadable {

    CiphertextRejected(String keyId) {
        super("Identifier ciphertext failed authentication (key id " + keyId + ")", keyId);
    }
}
