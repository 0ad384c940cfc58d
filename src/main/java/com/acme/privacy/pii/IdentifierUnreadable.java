package com.acme.privacy.pii;

/** A stored identifier cannot be opened. The message names the key id only, never the identifier. */
public abstract class IdentifierUnreadable extends RuntimeException {

    private final String keyId;

    IdentifierUnreadable(String message, String keyId) {
        super(message);
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }
}
