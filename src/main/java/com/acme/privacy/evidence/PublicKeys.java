package com.acme.privacy.evidence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every key that ever signed evidence here, read from the database so that retired keys stay published. */
@Component
class PublicKeys {

    /** A public key as published: PEM for openssl, and the SHA-256 of its DER form to pin it by. */
    record PublishedKey(String keyId, String algorithm, String publicKeyPem, String sha256, Instant registeredAt) {
    }

    private final JdbcClient jdbc;

    PublicKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PublishedKey> all() {
        return jdbc.sql("SELECT key_id, algorithm, public_key, registered_at FROM evidence_signing_key ORDER BY registered_at, key_id")
                .query((rs, row) -> published(rs.getString("key_id"), rs.getString("algorithm"), rs.getBytes("public_key"),
                        rs.getTimestamp("registered_at").toInstant()))
                .list();
    }

    Optional<PublishedKey> find(String keyId) {
        return all().stream().filter(key -> key.keyId().equals(keyId)).findFirst();
    }

    Optional<PublicKey> publicKey(String keyId) {
        return jdbc.sql("SELECT public_key FROM evidence_signing_key WHERE key_id = ?").param(keyId).query(byte[].class)
                .optional().map(PublicKeys::decode);
    }

    private static PublishedKey published(String keyId, String algorithm, byte[] der, Instant registeredAt) {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        return new PublishedKey(keyId, algorithm, pem, HexFormat.of().formatHex(Digests.sha256(der)), registeredAt);
    }

    private static PublicKey decode(byte[] der) {
        try {
            return KeyFactory.getInstance(SigningKeys.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A registered public key does not decode", e);
        }
    }
}
