package com.acme.privacy.console;

import org.springframework.stereotype.Component;

import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;

/**
 * The masked form stored with a request; for a request stored before masked forms were kept (until the upgrade job
 * has masked it) the identifier is opened only to mask it, and the clear value never leaves this class.
 */
@Component
class MaskedIdentifiers {

    private final ProtectedIdentifiers identifiers;

    MaskedIdentifiers(ProtectedIdentifiers identifiers) {
        this.identifiers = identifiers;
    }

    String email(String stored, Sealed sealed) {
        if (stored != null || sealed == null) {
            return stored;
        }
        try {
            return identifiers.revealEmail(sealed).masked();
        } catch (IdentifierUnreadable unreadable) {
            return unreadable(sealed);
        }
    }

    /** {@code null} when the request carries no phone number. */
    String phone(String stored, Sealed sealed) {
        if (stored != null || sealed == null) {
            return stored;
        }
        try {
            return identifiers.revealPhone(sealed).masked();
        } catch (IdentifierUnreadable unreadable) {
            return unreadable(sealed);
        }
    }

    private static String unreadable(Sealed sealed) {
        return "[unreadable: key " + sealed.keyId() + "]";
    }
}
