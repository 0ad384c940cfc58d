package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.erasure.ClaimedRequest;
import com.acme.privacy.erasure.DispatchOutcome;
import com.acme.privacy.erasure.StatusTransitions;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongConditions;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.Reply;
import com.jayway.jsonpath.JsonPath;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

@DispatcherTest
class DispatchResilienceTest {

    @LocalServerPort
    int port;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    StatusTransitions transitions;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
    }

    private static String unique() {
        return "r-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    @Test
    void aBurstOf5xxOpensTheCircuitWhichRecoversWithoutFailingAnyRequest() {
        CircuitBreaker circuit = circuitBreakers.circuitBreaker("gong");
        Map<CircuitBreaker.State, Instant> entered = new ConcurrentHashMap<>();
        circuit.getEventPublisher().onStateTransition(event -> entered.putIfAbsent(event.getStateTransition().getToState(), Instant.now()));
        sandbox.enqueue(Reply.status(500), Reply.status(500), Reply.status(502), Reply.status(503), Reply.status(500));
        pauseDispatching();
        List<String> ids = IntStream.range(0, 8).mapToObj(i -> api.create(request(unique(), null, "GDPR"))).toList();
        resumeDispatching();

        ids.forEach(id -> api.awaitStatus(id, "SUBMITTED"));

        assertThat(entered).containsKeys(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.CLOSED);
        Instant opened = entered.get(CircuitBreaker.State.OPEN);
        Instant halfOpen = entered.get(CircuitBreaker.State.HALF_OPEN);
        assertThat(Duration.between(opened, halfOpen)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(sandbox.calls()).filteredOn(call -> call.at().isAfter(opened.plusMillis(50)) && call.at().isBefore(halfOpen)).isEmpty();
        assertThat(sandbox.erasures()).filteredOn(call -> call.status() >= 500).hasSize(5);
        for (String id : ids) {
            String details = body(api.get(id));
            assertThat((Integer) JsonPath.read(details, "$.attempts")).isLessThanOrEqualTo(2);
            assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[*].toStatus")).doesNotContain("FAILED");
        }
    }

    @Test
    void aClaimWhoseLeaseExpiredIsSentAgainAndCompleted() {
        pauseDispatching();
        String id = api.create(request(unique(), null, "GDPR"));
        // A dispatcher that claims and then dies: nothing releases its claim but the lease running out.
        List<ClaimedRequest> ghost = transitions.claim(10, Duration.ofMillis(500), "killed-replica");
        assertThat(ghost).extracting(ClaimedRequest::id).contains(UUID.fromString(id));
        resumeDispatching();

        String details = api.awaitStatus(id, "SUBMITTED");

        assertThat((Integer) JsonPath.read(details, "$.attempts")).isEqualTo(2);
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.toStatus == 'DISPATCHING')].reason"))
                .containsExactly("Claimed for dispatch", "The previous dispatcher's lease expired; claimed again");
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.toStatus == 'DISPATCHING')].actor"))
                .containsExactly("system:dispatcher@killed-replica", "system:dispatcher@test-replica");
        assertThat(sandbox.erasures()).hasSize(1);
    }

    @Test
    void aStaleClaimsLateOutcomeChangesNothingEvenUnderTheSameReplicaId() {
        pauseDispatching();
        String id = api.create(request(unique(), null, "GDPR"));
        // A stuck process that shares the live dispatcher's replica id, as after a restart with a fixed id.
        ClaimedRequest stale = transitions.claim(10, Duration.ofMillis(200), "test-replica").get(0);
        resumeDispatching();
        api.awaitStatus(id, "SUBMITTED");

        boolean held = transitions.settle(stale, "test-replica", new DispatchOutcome.Failed("late"));

        assertThat(held).isFalse();
        api.awaitStatus(id, "SUBMITTED");
    }

    @Test
    void aRequestThatCannotBeDecryptedFailsWithoutHoldingUpTheRest() {
        pauseDispatching();
        String broken = api.create(request(unique(), null, "GDPR"));
        String fine = api.create(request(unique(), null, "GDPR"));
        jdbc.sql("UPDATE erasure_request SET email_key_id = 'retired-key' WHERE id = ?").param(UUID.fromString(broken)).update();
        resumeDispatching();

        String failed = api.awaitStatus(broken, "FAILED");
        api.awaitStatus(fine, "SUBMITTED");
        assertThat((String) JsonPath.read(failed, "$.auditTrail.events[-1].reason"))
                .isEqualTo("The identifiers cannot be decrypted: No decryption key configured for key id retired-key");
        assertThat((String) JsonPath.read(failed, "$.email")).isEqualTo("[unreadable: key retired-key]");
        assertThat(sandbox.erasures()).hasSize(1);
    }

    private void pauseDispatching() {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '1 hour'").update();
    }

    private void resumeDispatching() {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL").update();
    }
}
