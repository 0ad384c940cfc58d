package com.acme.privacy.ops;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongConditions;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.TestClients;
import com.jayway.jsonpath.JsonPath;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/** The gong health component follows the dispatch state, and never makes the pod unready. */
@DispatcherTest
class GongHealthTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    CircuitBreaker circuit;

    @BeforeEach
    void normal() {
        circuit = circuitBreakers.circuitBreaker("gong");
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
    }

    private String gong() {
        return body(TestClients.management(managementPort)
                .get().uri("/actuator/health/gong").exchange());
    }

    private void assertReady() {
        TestClients.management(managementPort)
                .get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void upWhenGongCanBeCalled() {
        String health = gong();
        assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health, "$.details.state")).isEqualTo("up");
        assertThat((Integer) JsonPath.read(health, "$.details.budgetLimit")).isEqualTo(5000);
    }

    @Test
    void downWhileTheCircuitIsOpenButStillReady() {
        circuit.transitionToOpenState();
        String health = gong();
        assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("DOWN");
        assertThat((String) JsonPath.read(health, "$.details.state")).isEqualTo("circuit open");
        assertReady();
    }

    @Test
    void downWhileTheCredentialsAreRejectedButStillReady() {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '5 minutes', reason = 'CREDENTIALS_REJECTED'").update();
        String health = gong();
        assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("DOWN");
        assertThat((String) JsonPath.read(health, "$.details.state")).startsWith("credentials rejected");
        assertReady();
    }

    @Test
    void rateLimitedUntilRetryAfter() {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '30 seconds', reason = 'RATE_LIMITED'").update();
        String health = gong();
        assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health, "$.details.state")).startsWith("rate-limited until 20");
    }

    @Test
    void dailyBudgetSpent() {
        jdbc.sql("INSERT INTO gong_daily_usage (day, calls) VALUES ((now() AT TIME ZONE 'UTC')::date, 5000)").update();
        String health = gong();
        assertThat((String) JsonPath.read(health, "$.details.state")).isEqualTo("daily budget spent");
        assertThat((Integer) JsonPath.read(health, "$.details.budgetUsedToday")).isEqualTo(5000);
    }

    @Test
    void showsWhetherThisReplicaDispatches() {
        assertThat((Boolean) JsonPath.read(gong(), "$.details.dispatchingHere")).isTrue();
    }
}
