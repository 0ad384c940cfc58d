package com.acme.privacy.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;

/** HMAC-SHA256 under a key separate from the encryption keys; the kind prefix keeps email and phone hashes apart. */
final class IdentifierHasher {

    private final PiiKeys keys;

    IdentifierHasher(PiiKeys keys) {
        this.keys = keys;
    }

    byte[] hash(String domain, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.hashKey);
            mac.update(domain.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
