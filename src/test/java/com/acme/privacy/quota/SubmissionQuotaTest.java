package com.acme.privacy.quota;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.Problems;
import com.acme.privacy.testsupport.TestClients;
import com.acme.privacy.testsupport.TestJwts;
import com.jayway.jsonpath.JsonPath;

/** A looping portal, or person, meets its own quota with a 429 and stores nothing; nobody else notices. */
@ApiTest
@TestPropertySource(properties = {
        "privacy.quota.clients[0].client=crm", "privacy.quota.clients[0].per-second=0.01",
        "privacy.quota.clients[1].client=helpdesk", "privacy.quota.clients[1].per-day=3",
        "privacy.quota.sso.per-day=1"})
class SubmissionQuotaTest {

    static final TestJwts jwts = new TestJwts();

    @DynamicPropertySource
    static void trustTestTokens(DynamicPropertyRegistry registry) {
        jwts.configure(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    private static String subject(String name) {
        return "{\"email\":\"" + name + "@example.com\",\"regulation\":\"GDPR\"}";
    }

    private long stored(String source) {
        return jdbc.sql("SELECT count(*) FROM erasure_request WHERE source = ?").param(source).query(Long.class).single();
    }

    @Test
    void aClientOverItsRateIsToldWhenToComeBack() {
        Api crm = new Api(port).as("crm");
        crm.submit(subject("rate-1")).expectStatus().isAccepted();

        String problem = body(crm.submit(subject("rate-2")).expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(1L, 100L)));
        assertThat((String) JsonPath.read(problem, "$.quota")).isEqualTo("rate");
        Problems.assertNoInternals(problem);
        assertThat(stored("crm")).isEqualTo(1);

        new Api(port).submit(subject("rate-other-portal")).expectStatus().isAccepted();
        assertThat(metrics()).contains("privacy_quota_refusals_total{client=\"crm\",quota=\"rate\"} 1.0");
    }

    @Test
    void aClientPastItsDailyCountWaitsForTheNextUtcDay() {
        Api helpdesk = new Api(port).as("helpdesk");
        helpdesk.submit(subject("daily-1")).expectStatus().isAccepted();
        helpdesk.submit(subject("daily-1")).expectStatus().isOk();
        helpdesk.submit("{\"email\":\"not an address\"}").expectStatus().isBadRequest();

        String problem = body(helpdesk.submit(subject("daily-4")).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(1L, 86_400L)));
        assertThat((String) JsonPath.read(problem, "$.quota")).isEqualTo("daily");
        assertThat(stored("helpdesk")).isEqualTo(1);
        helpdesk.list("size=5").expectStatus().isOk();
        assertThat(metrics()).contains("privacy_quota_refusals_total{client=\"helpdesk\",quota=\"daily\"} 1.0")
                .contains("privacy_quota_daily_used_ratio{client=\"helpdesk\"} 1.0");
    }

    @Test
    void eachPersonSignedInThroughSsoHasQuotasOfTheirOwn() {
        RestTestClient client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        String alice = jwts.token("alice", List.of("privacy-submitter"));
        String bob = jwts.token("bob", List.of("privacy-submitter"));

        submitAs(client, alice, "sso-1").expectStatus().isAccepted();
        submitAs(client, alice, "sso-2").expectStatus().isEqualTo(429);
        submitAs(client, bob, "sso-3").expectStatus().isAccepted();
        assertThat(metrics()).contains("privacy_quota_refusals_total{client=\"sso\",quota=\"daily\"} 1.0");
    }

    private RestTestClient.ResponseSpec submitAs(RestTestClient client, String token, String name) {
        return client.post().uri(Api.REQUESTS).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(subject(name)).exchange();
    }

    private String metrics() {
        return body(TestClients.management(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk());
    }
}
