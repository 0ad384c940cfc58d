package com.acme.privacy.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * The test JVM's RSA key pairs, made once: a 2048-bit pair takes seconds of CPU in the test JVMs, which compile with C1
 * only and so lack the BigInteger intrinsics.
 */
final class TestRsaKeys {

    private TestRsaKeys() {
    }

    /** The pair that signs what the service is told to trust: test tokens and the test identity provider's. */
    static KeyPair trusted() {
        return Trusted.PAIR;
    }

    /** A pair the service never trusts, for forged tokens. */
    static KeyPair untrusted() {
        return Untrusted.PAIR;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Trusted {
        static final KeyPair PAIR = generate();
    }

    private static final class Untrusted {
        static final KeyPair PAIR = generate();
    }
}
