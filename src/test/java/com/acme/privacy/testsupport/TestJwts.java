package com.acme.privacy.testsupport;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints SSO tokens for tests with the tests' key pair ({@link TestRsaKeys}); the service trusts its public key, the
 * issuer {@link #ISSUER} and the audience {@link #AUDIENCE}. Besides good tokens it mints each kind a resource server
 * must refuse.
 */
public final class TestJwts {

    public static final String ISSUER = "https://sso.test.example/realms/acme";
    public static final String AUDIENCE = "privacy-requests";

    /** RFC 9068's type for JWT access tokens. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private final KeyPair keys = TestRsaKeys.trusted();

    /** Trust these tokens: the public key, the issuer and the audience. */
    public void configure(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> TestRsaKeys.TRUSTED_PUBLIC_KEY);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    /** A good access token, typed {@code at+jwt} (RFC 9068); {@code roles} are claim values, e.g. {@code privacy-admin}. */
    public String token(String subject, List<String> roles) {
        return sign(claims(subject, roles).build(), (RSAPrivateKey) keys.getPrivate());
    }

    /** A good token with some claims changed. */
    public String token(String subject, List<String> roles, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(subject, roles)).build(), (RSAPrivateKey) keys.getPrivate());
    }

    /**
     * An OpenID Connect ID token from the same identity provider, for the same audience, with the same roles: what a
     * console sign-in yields when the console and the API share a client. Typed {@code JWT}, as providers type them.
     */
    public String idToken(String subject, List<String> roles) {
        JWTClaimsSet claims = claims(subject, roles).claim("nonce", "n-0S6_WzA2Mj").claim("auth_time", Instant.now().getEpochSecond())
                .build();
        return sign(claims, JOSEObjectType.JWT, (RSAPrivateKey) keys.getPrivate());
    }

    /** A good token in every claim, but with no {@code typ} header: nothing says it is an access token. */
    public String untypedToken(String subject, List<String> roles) {
        return sign(claims(subject, roles).build(), null, (RSAPrivateKey) keys.getPrivate());
    }

    public String expiredToken(String subject, List<String> roles) {
        return token(subject, roles, claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(300))));
    }

    /** A well-formed token signed by a key the service does not trust. */
    public String forgedToken(String subject, List<String> roles) {
        return sign(claims(subject, roles).build(), (RSAPrivateKey) TestRsaKeys.untrusted().getPrivate());
    }

    /** No signature at all ({@code "alg": "none"}). */
    public String unsignedToken(String subject, List<String> roles) {
        return new PlainJWT(new PlainHeader.Builder().type(ACCESS_TOKEN).build(), claims(subject, roles).build()).serialize();
    }

    /** HS256 with the service's public key as the secret: the classic algorithm confusion. */
    public String hmacWithThePublicKey(String subject, List<String> roles) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(ACCESS_TOKEN).build(),
                claims(subject, roles).build());
        try {
            jwt.sign(new MACSigner(keys.getPublic().getEncoded()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key) {
        return sign(claims, ACCESS_TOKEN, key);
    }

    private static String sign(JWTClaimsSet claims, JOSEObjectType type, RSAPrivateKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
