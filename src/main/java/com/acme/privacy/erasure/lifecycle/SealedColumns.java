package com.acme.privacy.erasure.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import com.acme.privacy.pii.Sealed;

/** A request's sealed identifiers as its row holds them: {@code <kind>_ciphertext}, {@code <kind>_key_id} and whether they are sealed to it. */
final class SealedColumns {

    private SealedColumns() {
    }

    static Sealed email(ResultSet rs, UUID id) throws SQLException {
        return sealed(rs, id, "email");
    }

    /** {@code null} when the request has no phone number, or its ciphertext is gone. */
    static Sealed phone(ResultSet rs, UUID id) throws SQLException {
        return sealed(rs, id, "phone");
    }

    private static Sealed sealed(ResultSet rs, UUID id, String kind) throws SQLException {
        byte[] ciphertext = rs.getBytes(kind + "_ciphertext");
        return ciphertext == null ? null
                : new Sealed(rs.getString(kind + "_key_id"), ciphertext, rs.getBoolean("sealed_to_request") ? id : null);
    }
}
