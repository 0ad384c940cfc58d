package com.acme.privacy.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** SSO tokens are accepted only for a named issuer and audience: without either, the service does not start. */
class SsoSettingsTest {

    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

    private final ApplicationContextRunner sso = new ApplicationContextRunner()
            .withUserConfiguration(SsoTokens.class, Properties.class)
            .withPropertyValues(JWT + "jwk-set-uri=https://login.example.com/realms/acme/protocol/openid-connect/certs");

    @Test
    void refusesToStartWithSsoButNoAudienceOrNoIssuer() {
        sso.withPropertyValues(JWT + "issuer-uri=https://login.example.com/realms/acme").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("issuer-uri and " + JWT + "audiences must both be set"));
        sso.withPropertyValues(JWT + "audiences=privacy-requests").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("must both be set"));
    }

    @Test
    void startsWithBoth() {
        sso.withPropertyValues(JWT + "issuer-uri=https://login.example.com/realms/acme", JWT + "audiences=privacy-requests")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({OAuth2ResourceServerProperties.class, AccessControlProperties.class})
    static class Properties {
    }
}
