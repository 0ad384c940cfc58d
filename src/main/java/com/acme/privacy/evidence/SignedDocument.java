package com.acme.privacy.evidence;

import java.util.Base64;

/**
 * Signed bytes and their detached Ed25519 signature. Served as {@code payload}, the base64 of exactly the bytes signed
 * (UTF-8 JSON), and {@code signature}, the base64 of the 64-byte signature over them.
 */
record SignedDocument(String keyId, byte[] payload, byte[] signature) {

    String algorithm() {
        return SigningKeys.ALGORITHM;
    }

    String payloadBase64() {
        return Base64.getEncoder().encodeToString(payload);
    }

    String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }
}
