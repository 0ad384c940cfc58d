package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

/** An ADMIN extends a deadline once, within the regulation's allowance, with a reason, before it has passed. */
@ApiTest
class DeadlineExtensionTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String submit(String regulation, Instant receivedAt) {
        return api.create("{\"email\":\"ext-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com\",\"regulation\":\""
                + regulation + "\",\"receivedAt\":\"" + receivedAt + "\"}");
    }

    private RestTestClient.ResponseSpec extend(Api as, String id, String json) {
        return as.act(id, "extend", json);
    }

    @Test
    void gdprExtendsByTwoMonthsOnceAndOverdueFollowsTheNewDeadline() {
        Instant receivedAt = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String id = submit("GDPR", receivedAt);
        Instant dueAt = receivedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();

        String extended = body(extend(api, id, "{\"reason\":\"Subject told on 2026-11-29: records in three systems\"}").expectStatus().isOk());
        assertThat(Instant.parse(JsonPath.read(extended, "$.dueAt"))).isEqualTo(dueAt.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant());
        assertThat(Instant.parse(JsonPath.read(extended, "$.originalDueAt"))).isEqualTo(dueAt);

        extend(api, id, "{\"reason\":\"once more\"}").expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String details = body(api.get(id));
        List<String> reasons = JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'DEADLINE_EXTENDED')].reason");
        assertThat(reasons).containsExactly("Subject told on 2026-11-29: records in three systems");
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
    }

    @Test
    void ccpaExtendsToAChosenDateWithinFortyFiveDays() {
        Instant receivedAt = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String id = submit("CCPA", receivedAt);
        Instant dueAt = receivedAt.plus(45, ChronoUnit.DAYS);

        extend(api, id, "{\"reason\":\"r\",\"dueAt\":\"" + dueAt.plus(46, ChronoUnit.DAYS) + "\"}").expectStatus().isBadRequest();
        extend(api, id, "{\"reason\":\"r\",\"dueAt\":\"" + dueAt.minus(1, ChronoUnit.DAYS) + "\"}").expectStatus().isBadRequest();
        String extended = body(extend(api, id, "{\"reason\":\"r\",\"dueAt\":\"" + dueAt.plus(30, ChronoUnit.DAYS) + "\"}")
                .expectStatus().isOk());
        assertThat(Instant.parse(JsonPath.read(extended, "$.dueAt"))).isEqualTo(dueAt.plus(30, ChronoUnit.DAYS));
    }

    @Test
    void anOverdueRequestCannotBeExtendedAndStaysOverdue() {
        String id = submit("GDPR", Instant.now().minus(40, ChronoUnit.DAYS));
        String problem = body(extend(api, id, "{\"reason\":\"too late\"}").expectStatus().isEqualTo(409));
        assertThat((String) JsonPath.read(problem, "$.detail")).contains("has passed");
        assertThat((List<String>) JsonPath.read(body(api.list("overdue=true&size=200")), "$.content[*].id")).contains(id);
    }

    @Test
    void onlyAnAdminExtendsAndAReasonIsRequired() {
        String id = submit("GDPR", Instant.now());
        extend(api.as("crm"), id, "{\"reason\":\"a portal\"}").expectStatus().isForbidden();
        extend(api.as("compliance"), id, "{\"reason\":\"a viewer\"}").expectStatus().isForbidden();
        extend(api, id, "{}").expectStatus().isBadRequest();
        extend(api, id, "{\"reason\":\" \"}").expectStatus().isBadRequest();
    }
}
