package com.acme.privacy.erasure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;

/**
 * A request's identifiers as every page, export and receipt shows them: the masked form stored at intake (and kept
 * when retention destroys the ciphertext). Only a request stored before masked forms were kept, until the upgrade job
 * has masked it, is opened to be masked; the clear value never leaves this class. {@code null} when there is none (no
 * phone number, or anonymised).
 */
@NamedInterface("masking")
@Component
public class MaskedIdentifiers {

    private final ProtectedIdentifiers identifiers;

    MaskedIdentifiers(ProtectedIdentifiers identifiers) {
        this.identifiers = identifiers;
    }

    public String email(String stored, Sealed sealed) {
        if (stored != null || sealed == null) {
            return stored;
        }
        try {
            return identifiers.revealEmail(sealed).masked();
        } catch (IdentifierUnreadable unreadable) {
            return unreadable(sealed);
        }
    }

    public String phone(String stored, Sealed sealed) {
        if (stored != null || sealed == null) {
            return stored;
        }
        try {
            return identifiers.revealPhone(sealed).masked();
        } catch (IdentifierUnreadable unreadable) {
            return unreadable(sealed);
        }
    }

    /** From an {@code erasure_request} row read with its id and the email columns. */
    public String email(ResultSet row) throws SQLException {
        return email(row.getString("email_masked"), sealed(row, "email"));
    }

    /** From an {@code erasure_request} row read with its id and the phone columns. */
    public String phone(ResultSet row) throws SQLException {
        return phone(row.getString("phone_masked"), sealed(row, "phone"));
    }

    private static Sealed sealed(ResultSet row, String kind) throws SQLException {
        byte[] ciphertext = row.getBytes(kind + "_ciphertext");
        if (ciphertext == null) {
            return null;
        }
        // The ciphertext's own version byte says how it was sealed, not the row's sealed_to_request.
        return new Sealed(row.getString(kind + "_key_id"), ciphertext, row.getObject("id", UUID.class));
    }

    private static String unreadable(Sealed sealed) {
        return "[unreadable: key " + sealed.keyId() + "]";
    }
}
