package com.acme.privacy.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs SSO tokens for tests with a key pair generated for the run; the service trusts its public key. */
public final class TestJwts {

    private final KeyPair keys;
    private final Path publicKeyFile;

    public TestJwts() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            publicKeyFile = Files.createTempFile("sso-public-key", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public String publicKeyLocation() {
        return "file:" + publicKeyFile;
    }

    public String token(String subject, List<String> roles) {
        return sign(subject, roles, Instant.now().plusSeconds(300), (RSAPrivateKey) keys.getPrivate());
    }

    public String expiredToken(String subject, List<String> roles) {
        return sign(subject, roles, Instant.now().minusSeconds(300), (RSAPrivateKey) keys.getPrivate());
    }

    /** A well-formed token signed by a key the service does not trust. */
    public String forgedToken(String subject, List<String> roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(subject, roles, Instant.now().plusSeconds(300), (RSAPrivateKey) generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String subject, List<String> roles, Instant expires, RSAPrivateKey key) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
