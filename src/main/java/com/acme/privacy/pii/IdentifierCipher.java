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
 * AES-256-GCM with a random 96-bit nonce per value, stored as {@code version || nonce || ciphertext and tag}. The
 * associated data binds each value to where it belongs: the request it is sealed to, the identifier's kind and the key
 * id. A ciphertext copied to another row, into the phone column or under another key id fails to open.
 * <p>
 * The version byte, not anything beside the value in its row, says how a value was sealed: {@link #BOUND} values
 * open only as their request's. {@link #LEGACY} values, sealed before values were bound (kind only; V30 gave them
 * their byte), open anywhere, so they are opened only to be sealed again, by {@link #openLegacy}: a database owner who
 * marks a row as legacy cannot make a value from elsewhere open in it.
 */
final class IdentifierCipher {

    static final byte LEGACY = 1;
    static final byte BOUND = 2;

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
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.encryptionKeys.get(keys.activeKeyId), nonce,
                    boundData(kind, requestId, keys.activeKeyId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(BOUND).put(nonce).put(sealed).array();
            return new Sealed(keys.activeKeyId, stored, requestId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt identifier", e);
        }
    }

    /** A value sealed to its request; refused without the request it is read for, and in the legacy form. */
    String open(IdentifierKind kind, Sealed sealed) {
        if (version(sealed) != BOUND || sealed.requestId() == null) {
            throw new CiphertextRejected(sealed.keyId());
        }
        return decrypt(sealed, boundData(kind, sealed.requestId(), sealed.keyId()));
    }

    /** A value sealed before values were bound to their request, with the identifier's kind alone. */
    String openLegacy(IdentifierKind kind, Sealed sealed) {
        if (version(sealed) != LEGACY) {
            throw new CiphertextRejected(sealed.keyId());
        }
        return decrypt(sealed, kind.name().getBytes(StandardCharsets.US_ASCII));
    }

    static byte version(Sealed sealed) {
        byte[] data = sealed.ciphertext();
        return data == null || data.length == 0 ? 0 : data[0];
    }

    private String decrypt(Sealed sealed, byte[] associatedData) {
        SecretKey key = keys.encryptionKeys.get(sealed.keyId());
        if (key == null) {
            throw new DecryptionKeyMissing(sealed.keyId());
        }
        byte[] data = sealed.ciphertext();
        if (data.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new CiphertextRejected(sealed.keyId());
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(data, 1, 1 + NONCE_BYTES), associatedData);
            return new String(cipher.doFinal(data, 1 + NONCE_BYTES, data.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CiphertextRejected(sealed.keyId());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    private static byte[] boundData(IdentifierKind kind, UUID requestId, String keyId) {
        return String.join("|", "v2", requestId.toString(), kind.name(), keyId).getBytes(StandardCharsets.US_ASCII);
    }
}
