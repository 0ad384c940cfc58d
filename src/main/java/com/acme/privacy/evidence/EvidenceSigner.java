package com.acme.privacy.evidence;

import java.util.Arrays;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs receipts and anchors with the active key. At start it records the public half of every configured key, so
 * that what it signed stays verifiable after the key is retired, and refuses to run with a key id that already names
 * another key.
 */
@Component
class EvidenceSigner implements SmartInitializingSingleton {

    private final SigningKeys keys;
    private final JdbcClient jdbc;

    EvidenceSigner(EvidenceProperties properties, JdbcClient jdbc) {
        this.keys = SigningKeys.from(properties);
        this.jdbc = jdbc;
    }

    SignedDocument sign(byte[] payload) {
        SigningKeys.SigningKey key = keys.active();
        return new SignedDocument(key.id(), payload, SigningKeys.sign(key.privateKey(), payload));
    }

    String activeKeyId() {
        return keys.active().id();
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (SigningKeys.SigningKey key : keys.all()) {
            byte[] publicKey = key.publicKey().getEncoded();
            jdbc.sql("INSERT INTO evidence_signing_key (key_id, algorithm, public_key) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING")
                    .params(key.id(), SigningKeys.ALGORITHM, publicKey).update();
            byte[] registered = jdbc.sql("SELECT public_key FROM evidence_signing_key WHERE key_id = ?").param(key.id())
                    .query(byte[].class).single();
            if (!Arrays.equals(registered, publicKey)) {
                throw new IllegalStateException("Signing key id " + key.id() + " already names another key, whose signatures "
                        + "must stay verifiable: give the new key a new id");
            }
        }
    }
}
