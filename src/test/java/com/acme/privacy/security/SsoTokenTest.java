package com.acme.privacy.security;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.TestClients;
import com.acme.privacy.testsupport.TestJwts;

/** Only tokens the identity provider issued for this service, with an expiry and a role mapped for it, get in. */
@ApiTest
class SsoTokenTest {

    static final TestJwts jwts = new TestJwts();
    static final List<String> ADMIN = List.of("privacy-admin");

    @DynamicPropertySource
    static void trustTestTokens(DynamicPropertyRegistry registry) {
        jwts.configure(registry);
    }

    @LocalServerPort
    int port;

    private RestTestClient.ResponseSpec list(String token) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri(Api.REQUESTS).header("Authorization", "Bearer " + token).exchange();
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("issued for another client", jwts.token("ops", ADMIN, claims -> claims.audience("crm-frontend"))),
                Arguments.of("issued by another issuer", jwts.token("ops", ADMIN, claims -> claims.issuer("https://evil.example"))),
                Arguments.of("without an expiry", jwts.token("ops", ADMIN, claims -> claims.expirationTime(null))),
                Arguments.of("expired", jwts.expiredToken("ops", ADMIN)),
                Arguments.of("not yet valid", jwts.token("ops", ADMIN,
                        claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(600))))),
                Arguments.of("unsigned (alg none)", jwts.unsignedToken("ops", ADMIN)),
                Arguments.of("HS256 signed with the public key", jwts.hmacWithThePublicKey("ops", ADMIN)),
                Arguments.of("signed by an unknown key", jwts.forgedToken("ops", ADMIN)),
                Arguments.of("an ID token (typ JWT)", jwts.idToken("ops", ADMIN)),
                Arguments.of("without a typ header", jwts.untypedToken("ops", ADMIN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenNotMeantForUsIsRefused(String kind, String token) {
        list(token).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aGoodTokenGetsIn() {
        list(jwts.token("ops", ADMIN)).expectStatus().isOk();
        list(jwts.token("ops", ADMIN, claims -> claims.audience(List.of("other-service", TestJwts.AUDIENCE)))).expectStatus().isOk();
    }

    @Test
    void roleNamesOfOtherApplicationsGrantNothing() {
        for (String role : List.of("admin", "ADMIN", "Privacy-Admin", "privacy-admin ", "viewer")) {
            list(jwts.token("ops", List.of(role))).expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        list(jwts.token("ops", List.of())).expectStatus().isForbidden();
    }

    @Test
    void headAndOtherMethodsNoRuleGrantsAreRefused() {
        RestTestClient viewer = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("X-API-Key", TestClients.key("compliance")).build();
        viewer.method(HttpMethod.HEAD).uri(Api.REQUESTS).exchange().expectStatus().isForbidden();
        viewer.method(HttpMethod.PUT).uri(Api.REQUESTS).exchange().expectStatus().isForbidden();
        viewer.method(HttpMethod.DELETE).uri(Api.REQUESTS + "/00000000-0000-7000-8000-000000000000").exchange().expectStatus().isForbidden();
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .method(HttpMethod.HEAD).uri(Api.REQUESTS).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void bothKindsOfCredentialInOneCallAre400() {
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri(Api.REQUESTS)
                .header("X-API-Key", TestClients.key("compliance"))
                .header("Authorization", "Bearer " + jwts.token("ops", ADMIN))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Send either an X-API-Key header or an Authorization header, not both");
    }
}
