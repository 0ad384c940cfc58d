package com.acme.privacy.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** HMAC-SHA256 under keys separate from the encryption keys; the kind prefix keeps email and phone hashes apart. */
final class IdentifierHasher {

    private final PiiKeys keys;

    IdentifierHasher(PiiKeys keys) {
        this.keys = keys;
    }

    /** Under the active hash key, for new rows. */
    byte[] hash(String domain, String value) {
        return hash(keys.hashKeys.get(keys.activeHashKeyId), domain, value);
    }

    /** Under every configured hash key, the active one first, for lookups while keys rotate. */
    List<byte[]> hashes(String domain, String value) {
        List<byte[]> hashes = new ArrayList<>();
        keys.hashKeys.values().forEach(key -> hashes.add(hash(key, domain, value)));
        return hashes;
    }

    int keyCount() {
        return keys.hashKeys.size();
    }

    String activeKeyId() {
        return keys.activeHashKeyId;
    }

    private static byte[] hash(SecretKey key, String domain, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(domain.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
