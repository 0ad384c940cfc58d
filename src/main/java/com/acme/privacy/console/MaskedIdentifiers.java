package com.acme.privacy.console;

import org.springframework.stereotype.Component;

import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;

/** Opens a stored identifier only to mask it; the clear value never leaves this class. */
@Component
class MaskedIdentifiers {

    private final ProtectedIdentifiers identifiers;

    MaskedIdentifiers(ProtectedIdentifiers identifiers) {
        this.identifiers = identifiers;
    }

    String email(Sealed sealed) {
        try {
            return identifiers.revealEmail(sealed).masked();
        } catch (IdentifierUnreadable unreadable) {
            return unreadable(sealed);
        }
    }

    /** {@code null} when the request carries no phone number. */
    String phone(Sealed sealed) {
        if (sealed == null) {
            return null;
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
