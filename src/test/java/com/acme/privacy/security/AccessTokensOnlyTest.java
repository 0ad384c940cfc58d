package com.acme.privacy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** Which tokens count as access tokens: by their typ header (RFC 9068), or by a claim the identity provider sets. */
class AccessTokensOnlyTest {

    private static final AccessControlProperties.AccessTokenClaim NO_CLAIM = new AccessControlProperties.AccessTokenClaim(null, null);

    private static Jwt token(String typ, String typClaim) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("ops").issuedAt(Instant.now());
        if (typ != null) {
            token.header("typ", typ);
        }
        if (typClaim != null) {
            token.claim("typ", typClaim);
        }
        return token.build();
    }

    private static boolean accepts(AccessTokensOnly validator, Jwt token) {
        return !validator.validate(token).hasErrors();
    }

    @Test
    void theTypHeaderMustSayAccessTokenIgnoringCaseAndTheMediaTypePrefix() {
        AccessTokensOnly byHeader = new AccessTokensOnly(Set.of("at+jwt"), NO_CLAIM);

        assertThat(accepts(byHeader, token("at+jwt", null))).isTrue();
        assertThat(accepts(byHeader, token("application/AT+JWT", null))).isTrue();
        assertThat(accepts(byHeader, token("JWT", null))).as("an ID token").isFalse();
        assertThat(accepts(byHeader, token(null, null))).isFalse();
        assertThat(accepts(byHeader, token("JWT", "Bearer"))).as("no claim configured").isFalse();
        assertThat(byHeader.validate(token("JWT", null)).getErrors()).extracting("description").containsExactly("The token is not an access token");
    }

    @Test
    void aConfiguredClaimMarksAccessTokensOfProvidersThatDoNotTypeThem() {
        AccessTokensOnly byClaim = new AccessTokensOnly(Set.of("at+jwt"),
                new AccessControlProperties.AccessTokenClaim("typ", "Bearer"));

        assertThat(accepts(byClaim, token("JWT", "Bearer"))).isTrue();
        assertThat(accepts(byClaim, token("JWT", "ID"))).as("Keycloak's ID token").isFalse();
        assertThat(accepts(byClaim, token("JWT", "bearer"))).as("claim values are exact").isFalse();
        assertThat(accepts(byClaim, token(null, null))).isFalse();
        assertThat(accepts(byClaim, token("at+jwt", null))).isTrue();
    }
}
