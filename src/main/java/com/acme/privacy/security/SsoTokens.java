package com.acme.privacy.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * SSO tokens meant for this service only: signed by the company's identity provider (its key set, or a configured
 * public key), issued by the configured issuer, for one of the configured audiences, and with an expiry. A token the
 * identity provider issued to any other client is refused, however its roles read. Replaces Boot's decoder, which
 * checks neither the audience nor, with a key set alone, the issuer.
 */
@Configuration(proxyBeanMethods = false)
class SsoTokens {

    private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

    @Bean
    @Conditional(SsoConfigured.class)
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, AccessControlProperties access) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        String issuer = jwt.getIssuerUri();
        List<String> audiences = jwt.getAudiences();
        if (issuer == null || issuer.isBlank() || audiences.isEmpty()) {
            throw new IllegalStateException("SSO tokens are switched on, so " + PREFIX + "issuer-uri and " + PREFIX
                    + "audiences must both be set: only tokens the identity provider issued for this service are accepted");
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, audiences, access.jwt());
        if (jwt.getJwkSetUri() == null && jwt.getPublicKeyLocation() == null) {
            // Discovery at the issuer happens on the first token, so that the service starts while the IdP is away.
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
                decoder.setJwtValidator(validator);
                return decoder;
            });
        }
        // The typ header is checked by AccessTokensOnly, not by Nimbus, which would refuse at+jwt.
        NimbusJwtDecoder decoder = jwt.getJwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).validateType(false)
                        .jwsAlgorithms(algorithms -> jwt.getJwsAlgorithms().forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                        .build()
                : NimbusJwtDecoder.withPublicKey(publicKey(jwt)).validateType(false).signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, AccessControlProperties.Jwt settings) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(settings.clockSkew()),
                new AccessTokensOnly(settings.accessTokenTypes(), settings.accessTokenClaim()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }

    private static RSAPublicKey publicKey(OAuth2ResourceServerProperties.Jwt jwt) {
        try (InputStream pem = jwt.getPublicKeyLocation().getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + PREFIX + "public-key-location", e);
        }
    }

    /** SSO is on when any way to verify tokens is configured. */
    static final class SsoConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            return List.of("issuer-uri", "jwk-set-uri", "public-key-location").stream()
                    .anyMatch(name -> !environment.getProperty(PREFIX + name, "").isBlank());
        }
    }
}
