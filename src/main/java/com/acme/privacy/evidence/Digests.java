package com.acme.privacy.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Digests {

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }
}
