package com.acme.privacy.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured Ed25519 keys; refuses to start without one unless throwaway keys are allowed. */
final class SigningKeys {

    static final String ALGORITHM = "Ed25519";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    record SigningKey(String id, PrivateKey privateKey, PublicKey publicKey) {

        @Override
        public String toString() {
            return "SigningKey[" + id + "]";
        }
    }

    private final Map<String, SigningKey> keys;
    private final SigningKey active;

    private SigningKeys(Map<String, SigningKey> keys, String activeKeyId) {
        this.keys = Map.copyOf(keys);
        this.active = keys.get(activeKeyId);
    }

    static SigningKeys from(EvidenceProperties properties) {
        if (properties.usesThrowawayKey()) {
            log.warn("No evidence signing key configured: using a throwaway key. Local runs only: auditors cannot pin it.");
            return ephemeral();
        }
        if (properties.signingKeys().isEmpty() || properties.activeKeyId() == null) {
            throw new IllegalStateException("The evidence signing key is missing: set privacy.evidence.signing-keys.<id> and "
                    + "privacy.evidence.active-key-id (see README, 'Configuration')");
        }
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        properties.signingKeys().forEach((id, encoded) -> keys.put(id, load(id, encoded)));
        if (!keys.containsKey(properties.activeKeyId())) {
            throw new IllegalStateException("privacy.evidence.active-key-id names no key in privacy.evidence.signing-keys");
        }
        return new SigningKeys(keys, properties.activeKeyId());
    }

    SigningKey active() {
        return active;
    }

    Collection<SigningKey> all() {
        return keys.values();
    }

    static byte[] sign(PrivateKey key, byte[] payload) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verifies(PublicKey key, byte[] payload, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(payload);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static SigningKey load(String id, String encoded) {
        String property = "privacy.evidence.signing-keys." + id;
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException(property + " must be an Ed25519 private key: base64 of its PKCS#8 DER form");
        }
        SigningKey key = new SigningKey(id, privateKey, publicKeyOf((EdECPrivateKey) privateKey));
        byte[] probe = ("self-test " + id).getBytes(StandardCharsets.UTF_8);
        if (!verifies(key.publicKey(), probe, sign(privateKey, probe))) {
            throw new IllegalStateException(property + " does not sign verifiably");
        }
        return key;
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one, but its key pair generator derives the
     * pair from the 32 random bytes it draws: handed the private key's bytes, it yields that key's public half.
     */
    private static PublicKey publicKeyOf(EdECPrivateKey privateKey) {
        byte[] seed = privateKey.getBytes().orElseThrow(() -> new IllegalStateException("An Ed25519 key without its bytes"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
                throw new IllegalStateException("Could not derive the Ed25519 public key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive the Ed25519 public key", e);
        }
    }

    private static SigningKeys ephemeral() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            byte[] id = new byte[4];
            new SecureRandom().nextBytes(id);
            // An id of its own: a key id always names the same key (see evidence_signing_key).
            String keyId = "ephemeral" + HexFormat.of().formatHex(id);
            return new SigningKeys(Map.of(keyId, new SigningKey(keyId, pair.getPrivate(), pair.getPublic())), keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    /** Hands out the given bytes instead of random ones; see {@link #publicKeyOf}. */
    private static final class FixedBytes extends SecureRandom {

        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("Unexpected request for " + out.length + " bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
