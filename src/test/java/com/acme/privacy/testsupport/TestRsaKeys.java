package com.acme.privacy.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The tests' RSA key pairs, read from {@code src/test/resources/test-keys}: made once with {@code openssl genpkey},
 * trusted by nothing but the tests. Generating them instead took seconds of CPU per pair in the test JVMs, which
 * compile with C1 only and so lack the BigInteger intrinsics.
 */
final class TestRsaKeys {

    /** The trusted pair's public key, as the service reads it: {@code openssl pkey -in trusted-rsa.pem -pubout}. */
    static final String TRUSTED_PUBLIC_KEY = "classpath:test-keys/trusted-rsa.pub.pem";

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

    private static KeyPair read(String name) {
        try (InputStream in = TestRsaKeys.class.getResourceAsStream("/test-keys/" + name)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            byte[] der = Base64.getMimeDecoder().decode(pem);
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not read the test key " + name, e);
        }
    }

    private static final class Trusted {
        static final KeyPair PAIR = read("trusted-rsa.pem");
    }

    private static final class Untrusted {
        static final KeyPair PAIR = read("untrusted-rsa.pem");
    }
}
