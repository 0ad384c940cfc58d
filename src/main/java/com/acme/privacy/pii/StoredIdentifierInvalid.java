package com.acme.privacy.pii;

/** The identifier decrypts but no longer passes today's validation, e.g. after the rules were tightened. */
public final class StoredIdentifierInvalid extends IdentifierUnreadable {

    StoredIdentifierInvalid(String keyId) {
        super("The stored identifier (key id " + keyId + ") fails today's validation", keyId);
    }
}
