package com.acme.privacy.report;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.DispatcherMoves;
import com.acme.privacy.testsupport.Problems;
import com.jayway.jsonpath.JsonPath;

/** GET /api/v1/reports/yearly over HTTP: a request answered through the API is counted; VIEWERs only; the year is checked. */
@ApiTest
class YearlyReportApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api viewer;

    @BeforeEach
    void setUp() {
        viewer = new Api(port).as("compliance");
    }

    private RestTestClient.ResponseSpec yearly(Api as, String query) {
        return as.client().get().uri("/api/v1/reports/yearly" + query).exchange();
    }

    private long figure(String report, String path) {
        Number value = JsonPath.read(report, path);
        return value == null ? 0 : value.longValue();
    }

    @Test
    void aRequestAnsweredThroughTheApiCountsInTheYearItWasReceived() {
        int year = Instant.now().atOffset(ZoneOffset.UTC).getYear();
        String before = body(yearly(viewer, "?year=" + year).expectStatus().isOk());

        Api portal = viewer.as("crm");
        String id = portal.create(request("counted-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com", null, "CCPA"));
        new DispatcherMoves(jdbc).move(UUID.fromString(id), "PENDING", "DISPATCHING", "SUBMITTED");
        portal.act(id, "responses", "{\"kind\": \"CONFIRMED_ERASURE\", \"respondedAt\": \"" + Instant.now() + "\", \"channel\": \"email\"}")
                .expectStatus().isCreated();
        String after = body(yearly(viewer, "?year=" + year).expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_JSON));

        assertThat((Integer) JsonPath.read(after, "$.year")).isEqualTo(year);
        for (String path : List.of("$.all.received", "$.all.compliedInWhole", "$.all.compliedInWholeOrInPart",
                "$.byRegulation.CCPA.received", "$.byRegulation.CCPA.compliedInWhole")) {
            assertThat(figure(after, path)).as(path).isEqualTo(figure(before, path) + 1);
        }
        assertThat(figure(after, "$.all.denied")).isEqualTo(figure(before, "$.all.denied"));
        assertThat((Object) JsonPath.read(after, "$.all.medianDaysToAnswer")).isNotNull();
    }

    @Test
    void itIsForViewersAndTheYearIsAYear() {
        yearly(viewer.as("crm"), "?year=2026").expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        yearly(viewer.as("ops"), "?year=2026").expectStatus().isOk();
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri("/api/v1/reports/yearly?year=2026")
                .exchange().expectStatus().isUnauthorized();
        for (String query : List.of("", "?year=", "?year=twenty", "?year=1999", "?year=10000")) {
            String problem = body(yearly(viewer, query).expectStatus().isBadRequest().expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat((List<String>) JsonPath.read(problem, "$.errors[*].field")).as(query).containsExactly("year");
            Problems.assertNoInternals(problem);
        }
    }
}
