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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.erasure.lifecycle.ClaimedRequest;
import com.acme.privacy.erasure.lifecycle.DispatchOutcome;
import com.acme.privacy.erasure.lifecycle.DispatchQueue;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongConditions;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.TestClients;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.GongSandbox.Reply;
import com.jayway.jsonpath.JsonPath;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/** Faults that hit one request, one call or the whole of Gong: each stays where it belongs. */
@DispatcherTest
class DispatchResilienceTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    DispatchQueue queue;

    @Autowired
    GongPace pace;

    @Autowired
    DispatchLeadership leadership;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
        pace.resume(null, null, null, null);
    }

    private static String unique() {
        return "r-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private List<ReceivedCall> callsFor(String email) {
        return sandbox.erasures().stream().filter(call -> email.equalsIgnoreCase(call.identifier())).toList();
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
            // At most one 5xx counted (the one that opened the circuit is Gong's outage), plus the successful attempt.
            assertThat((Integer) JsonPath.read(details, "$.attempts")).isLessThanOrEqualTo(2);
            assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[*].toStatus")).doesNotContain("FAILED");
        }
    }

    @Test
    void aClaimWhoseLeaseExpiredGoesBackWithoutCountingAndIsCompleted() {
        pauseDispatching();
        String id = api.create(request(unique(), null, "GDPR"));
        // A dispatcher that claims and then hangs: nothing releases its claim but the lease running out.
        List<ClaimedRequest> ghost = queue.claim(10, Duration.ofMillis(500), "killed-replica");
        assertThat(ghost).extracting(ClaimedRequest::id).contains(UUID.fromString(id));
        resumeDispatching();

        String details = api.awaitStatus(id, "SUBMITTED");

        assertThat((Integer) JsonPath.read(details, "$.attempts")).isEqualTo(1);
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'STATUS_CHANGED')].reason"))
                .containsExactly("Claimed for dispatch", "The claim's lease expired; back to the queue", "Claimed for dispatch",
                        "Gong accepted the erasure");
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.toStatus == 'DISPATCHING')].actor"))
                .containsExactly("system:dispatcher@killed-replica", "system:dispatcher@test-replica");
        assertThat(sandbox.erasures()).hasSize(1);
    }

    @Test
    void aStaleClaimsLateOutcomeChangesNothingEvenUnderTheSameReplicaId() {
        pauseDispatching();
        String id = api.create(request(unique(), null, "GDPR"));
        // A stuck process that shares the live dispatcher's replica id, as after a restart with a fixed id.
        ClaimedRequest stale = queue.claim(10, Duration.ofMillis(200), "test-replica").get(0);
        resumeDispatching();
        api.awaitStatus(id, "SUBMITTED");

        boolean held = queue.settle(stale, "test-replica", new DispatchOutcome.Failed("late"));

        assertThat(held).isFalse();
        api.awaitStatus(id, "SUBMITTED");
    }

    @Test
    void aRequestSealedUnderAKeyNoReplicaHasStandsBackOnceThenFailsAfterItsAttemptsWithoutHoldingUpTheRest() {
        pauseDispatching();
        String keyless = api.create(request(unique(), null, "GDPR"));
        String fine = api.create(request(unique(), null, "GDPR"));
        jdbc.sql("UPDATE erasure_request SET email_key_id = 'retired-key', due_at = due_at - interval '1 day' WHERE id = ?")
                .param(UUID.fromString(keyless)).update();
        resumeDispatching();

        // Another replica might hold the key: this one stands back first, without counting.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> dispatcherHealth().contains("MISSING_KEY"));
        assertThat((String) JsonPath.read(dispatcherHealth(), "$.status")).isEqualTo("DOWN");
        api.awaitStatus(fine, "SUBMITTED");
        // None did: a configuration fault, which ends as FAILED for a human.
        String failed = api.awaitStatus(keyless, "FAILED");
        assertThat((List<String>) JsonPath.read(failed, "$.auditTrail.events[?(@.fromStatus == 'DISPATCHING' && @.toStatus == 'PENDING')].reason"))
                .containsExactly("This replica has no key with id retired-key; left for a replica that has",
                        "No replica has a decryption key with id retired-key; attempt 1 of 3",
                        "No replica has a decryption key with id retired-key; attempt 2 of 3");
        assertThat((String) JsonPath.read(failed, "$.auditTrail.events[-1].reason"))
                .isEqualTo("No replica has a decryption key with id retired-key; gave up after 3 attempts");
        assertThat((String) JsonPath.read(failed, "$.email")).as("shown in the masked form stored with it").startsWith("r***@");
        assertThat(sandbox.erasures()).hasSize(1);
    }

    @Test
    void aCorruptedCiphertextFailsOnlyItsOwnRequestAfterItsAttempts() {
        pauseDispatching();
        String poison = api.create(request(unique(), null, "GDPR"));
        jdbc.sql("UPDATE erasure_request SET email_ciphertext = '\\x0102', due_at = due_at - interval '1 day' WHERE id = ?")
                .param(UUID.fromString(poison)).update();
        List<String> others = IntStream.range(0, 4).mapToObj(i -> api.create(request(unique(), null, "GDPR"))).toList();
        resumeDispatching();

        others.forEach(id -> api.awaitStatus(id, "SUBMITTED"));
        String failed = api.awaitStatus(poison, "FAILED");

        assertThat((Integer) JsonPath.read(failed, "$.attempts")).isEqualTo(3);
        assertThat((String) JsonPath.read(failed, "$.auditTrail.events[-1].reason"))
                .startsWith("Identifier ciphertext failed authentication").endsWith("gave up after 3 attempts");
        // Backed off each time: three claims, not a tight loop.
        assertThat((List<?>) JsonPath.read(failed, "$.auditTrail.events[?(@.toStatus == 'DISPATCHING')]")).hasSize(3);
        assertThat(sandbox.erasures()).hasSize(4);
    }

    /** Whoever can write the table cannot redirect an erasure: a ciphertext opens only in the row it was sealed to. */
    @Test
    void ciphertextsSwappedBetweenTwoRowsInPostgreSqlAreRefused() {
        pauseDispatching();
        String jane = unique();
        String john = unique();
        String janes = api.create(request(jane, null, "GDPR"));
        String johns = api.create(request(john, null, "GDPR"));
        jdbc.sql("""
                UPDATE erasure_request r SET email_ciphertext = o.email_ciphertext, due_at = r.due_at - interval '1 day'
                FROM erasure_request o WHERE (r.id, o.id) IN ((?, ?), (?, ?))""")
                .params(UUID.fromString(janes), UUID.fromString(johns), UUID.fromString(johns), UUID.fromString(janes)).update();
        resumeDispatching();

        for (String id : List.of(janes, johns)) {
            assertThat((String) JsonPath.read(api.awaitStatus(id, "FAILED"), "$.auditTrail.events[-1].reason"))
                    .startsWith("Identifier ciphertext failed authentication");
        }
        assertThat(sandbox.erasures()).isEmpty();
    }

    @Test
    void aFailureWhileRecordingAffectsOnlyItsRequestAndBacksOff() {
        pauseDispatching();
        String email = unique();
        String poison = api.create(request(email, null, "GDPR"));
        jdbc.sql("UPDATE erasure_request SET due_at = due_at - interval '1 day' WHERE id = ?").param(UUID.fromString(poison)).update();
        List<String> others = IntStream.range(0, 4).mapToObj(i -> api.create(request(unique(), null, "GDPR"))).toList();
        jdbc.sql("""
                CREATE FUNCTION refuse_gong_call_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.kind = 'GONG_CALL' AND NEW.request_id = '%s' THEN RAISE EXCEPTION 'forced failure'; END IF;
                    RETURN NEW;
                END $$""".formatted(poison)).update();
        jdbc.sql("CREATE TRIGGER refuse_gong_call_for_test BEFORE INSERT ON audit_event FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_gong_call_for_test()").update();
        try {
            resumeDispatching();

            others.forEach(id -> api.awaitStatus(id, "SUBMITTED"));
            String failed = api.awaitStatus(poison, "FAILED");

            assertThat((Integer) JsonPath.read(failed, "$.attempts")).isEqualTo(3);
            assertThat((String) JsonPath.read(failed, "$.auditTrail.events[-1].reason"))
                    .startsWith("Recording Gong's answer failed (").endsWith("); gave up after 3 attempts");
            // One call per attempt: the budget is spent once per failure, not in a loop.
            assertThat(callsFor(email)).hasSize(3);
            // Three counted attempts, each one claim: the audit trail does not grow in a loop.
            assertThat((List<?>) JsonPath.read(failed, "$.auditTrail.events[?(@.details.attemptCounted == true)]")).hasSize(3);
            assertThat((List<?>) JsonPath.read(failed, "$.auditTrail.events[?(@.toStatus == 'DISPATCHING')]")).hasSizeLessThanOrEqualTo(4);
        } finally {
            jdbc.sql("DROP TRIGGER refuse_gong_call_for_test ON audit_event").update();
            jdbc.sql("DROP FUNCTION refuse_gong_call_for_test()").update();
        }
    }

    @Test
    void aStalledAnswerTimesOutWithinTheDeadlineAndTheNextRequestGoesOut() {
        pauseDispatching();
        String stalled = unique();
        String next = unique();
        String stalledId = api.create(request(stalled, null, "GDPR"));
        jdbc.sql("UPDATE erasure_request SET due_at = due_at - interval '1 day' WHERE id = ?").param(UUID.fromString(stalledId)).update();
        String nextId = api.create(request(next, null, "GDPR"));
        sandbox.enqueue(Reply.stalledBody(Duration.ofMinutes(1)));
        resumeDispatching();

        api.awaitStatus(nextId, "SUBMITTED");
        String details = api.awaitStatus(stalledId, "SUBMITTED");

        assertThat((String) JsonPath.read(details, "$.gongCalls[0].details.failure")).isEqualTo("TIMEOUT");
        assertThat((Integer) JsonPath.read(details, "$.gongCalls[0].details.latencyMs")).isBetween(1900, 2900);
        Instant stalledAt = callsFor(stalled).get(0).at();
        assertThat(Duration.between(stalledAt, callsFor(next).get(0).at())).isLessThan(Duration.ofSeconds(3));
    }

    /** PostgreSQL drops a vanished replica's session, and its lock, within the failover timeout (30 s here). */
    @Test
    void theLockSessionSetsTheServersOwnKeepalivesFromTheFailoverTimeout() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(leadership::isLeader);
        assertThat(leadership.sessionSetting("tcp_keepalives_idle")).isEqualTo("10");
        assertThat(leadership.sessionSetting("tcp_keepalives_interval")).isEqualTo("3");
        assertThat(leadership.sessionSetting("tcp_keepalives_count")).isEqualTo("3");
        assertThat(leadership.sessionSetting("tcp_user_timeout")).isEqualTo("20000");
        assertThat(leadership.sessionSetting("application_name")).isEqualTo("privacy-requests-dispatcher-lock");
    }

    private String dispatcherHealth() {
        return body(TestClients.management(managementPort)
                .get().uri("/actuator/health/dispatcher").exchange());
    }

    private void pauseDispatching() {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '1 hour'").update();
    }

    private void resumeDispatching() {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL").update();
    }
}
