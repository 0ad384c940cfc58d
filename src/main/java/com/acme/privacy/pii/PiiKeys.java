package com.acme.privacy.pii;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validated key material; refuses to start without keys unless throwaway keys are allowed. */
final class PiiKeys {

    private static final Logger log = LoggerFactory.getLogger(PiiKeys.class);
    private static final int AES_KEY_BYTES = 32;
    private static final int MIN_HASH_KEY_BYTES = 32;

    final Map<String, SecretKey> encryptionKeys;
    final String activeKeyId;
    /** By id, the active one first: lookups try each, new rows use the first. */
    final Map<String, SecretKey> hashKeys;
    final String activeHashKeyId;

    private PiiKeys(Map<String, SecretKey> encryptionKeys, String activeKeyId, Map<String, SecretKey> hashKeys, String activeHashKeyId) {
        this.encryptionKeys = Map.copyOf(encryptionKeys);
        this.activeKeyId = activeKeyId;
        this.hashKeys = Collections.unmodifiableMap(new LinkedHashMap<>(hashKeys));
        this.activeHashKeyId = activeHashKeyId;
    }

    static PiiKeys from(PiiProperties properties) {
        if (!properties.hasKeys() && properties.ephemeralKeys()) {
            log.warn("No identifier keys configured: using throwaway keys. Data written now cannot be read after a restart.");
            return ephemeral();
        }
        if (properties.encryptionKeys().isEmpty() || properties.activeKeyId() == null || properties.hashKey() == null) {
            throw new IllegalStateException("Identifier protection keys are missing: set privacy.pii.encryption-keys.<id>, "
                    + "privacy.pii.active-key-id and privacy.pii.hash-key (see README, 'Configuration')");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        properties.encryptionKeys().forEach((id, encoded) -> {
            byte[] bytes = decode(encoded, "privacy.pii.encryption-keys." + id);
            if (bytes.length != AES_KEY_BYTES) {
                throw new IllegalStateException("privacy.pii.encryption-keys." + id + " must be 32 bytes (AES-256), base64-encoded");
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (!keys.containsKey(properties.activeKeyId())) {
            throw new IllegalStateException("privacy.pii.active-key-id names no key in privacy.pii.encryption-keys");
        }
        Map<String, SecretKey> hashKeys = new LinkedHashMap<>();
        hashKeys.put(properties.hashKeyId(), hashKey(properties.hashKey(), "privacy.pii.hash-key"));
        properties.previousHashKeys().forEach((id, encoded) -> {
            if (hashKeys.putIfAbsent(id, hashKey(encoded, "privacy.pii.previous-hash-keys." + id)) != null) {
                throw new IllegalStateException("privacy.pii.previous-hash-keys." + id + " has the id of the active hash key");
            }
        });
        return new PiiKeys(keys, properties.activeKeyId(), hashKeys, properties.hashKeyId());
    }

    private static SecretKey hashKey(String encoded, String property) {
        byte[] bytes = decode(encoded, property);
        if (bytes.length < MIN_HASH_KEY_BYTES) {
            throw new IllegalStateException(property + " must be at least 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static PiiKeys ephemeral() {
        SecureRandom random = new SecureRandom();
        byte[] aes = new byte[AES_KEY_BYTES];
        byte[] hmac = new byte[MIN_HASH_KEY_BYTES];
        random.nextBytes(aes);
        random.nextBytes(hmac);
        // A key id of its own: a replica with other throwaway keys must not take this one's ciphertexts for its own.
        byte[] id = new byte[4];
        random.nextBytes(id);
        String keyId = "ephemeral" + HexFormat.of().formatHex(id);
        return new PiiKeys(Map.of(keyId, new SecretKeySpec(aes, "AES")), keyId, Map.of(keyId, new SecretKeySpec(hmac, "HmacSHA256")),
                keyId);
    }

    private static byte[] decode(String encoded, String property) {
        try {
            return Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64");
        }
    }
}
