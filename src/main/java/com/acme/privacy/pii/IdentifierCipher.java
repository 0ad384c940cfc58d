package com.acme.privacy.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce per value. The associated data binds each value to where it belongs: the
 * request it is sealed to, the identifier's kind and the key id. A ciphertext copied to another row, into the phone
 * column or under another key id fails to open. Values sealed before requests were bound name the kind only.
 */
final class IdentifierCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PiiKeys keys;
    private final SecureRandom random = new SecureRandom();

    IdentifierCipher(PiiKeys keys) {
        this.keys = keys;
    }

    Sealed seal(IdentifierKind kind, String plaintext, UUID requestId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Sealed unsealed = new Sealed(keys.activeKeyId, null, requestId);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.encryptionKeys.get(keys.activeKeyId), nonce, kind, unsealed);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keys.activeKeyId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array(),
                    requestId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt identifier", e);
        }
    }

    String open(IdentifierKind kind, Sealed sealed) {
        SecretKey key = keys.encryptionKeys.get(sealed.keyId());
        if (key == null) {
            throw new DecryptionKeyMissing(sealed.keyId());
        }
        byte[] data = sealed.ciphertext();
        if (data == null || data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CiphertextRejected(sealed.keyId());
        }
        byte[] nonce = Arrays.copyOfRange(data, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, kind, sealed);
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CiphertextRejected(sealed.keyId());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, IdentifierKind kind, Sealed sealed)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData(kind, sealed));
        return cipher;
    }

    private static byte[] associatedData(IdentifierKind kind, Sealed sealed) {
        String data = sealed.requestId() == null ? kind.name()
                : String.join("|", "v2", sealed.requestId().toString(), kind.name(), sealed.keyId());
        return data.getBytes(StandardCharsets.US_ASCII);
    }
}
