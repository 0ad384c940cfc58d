package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongConditions;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.GongSandbox.Reply;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * An outage of Gong, however long, costs no request its attempts. Short settings so that 20 circuit cycles pass
 * quickly; a backoff long enough that no request is tried twice before five different ones have opened the circuit,
 * however slowly the six are submitted.
 */
@DispatcherTest
@TestPropertySource(properties = {"privacy.gong.max-calls-per-second=20", "privacy.dispatch.calls-per-second=10",
        "privacy.dispatch.backoff-initial=3s", "privacy.dispatch.backoff-max=3s",
        "resilience4j.circuitbreaker.instances.gong.wait-duration-in-open-state=250ms"})
class LongOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Test
    void twentyCircuitCyclesOfOutageFailNothingAndCountAtMostOneAttemptEach() {
        Api api = new Api(port);
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
        sandbox.unmetered();
        sandbox.answerAlways(Reply.status(503));
        AtomicInteger openings = new AtomicInteger();
        AtomicReference<Instant> firstOpened = new AtomicReference<>();
        circuitBreakers.circuitBreaker("gong").getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                firstOpened.compareAndSet(null, Instant.now());
                openings.incrementAndGet();
            }
        });
        List<String> ids = IntStream.range(0, 6)
                .mapToObj(i -> api.create(request("o-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com", null, "GDPR")))
                .toList();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> openings.get() >= 20);

        assertThat(jdbc.sql("SELECT max(attempts) FROM erasure_request").query(Integer.class).single()).isLessThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM erasure_request WHERE status = 'FAILED'").query(Integer.class).single()).isZero();
        List<ReceivedCall> testCalls = sandbox.erasures().stream().filter(call -> call.at().isAfter(firstOpened.get())).toList();
        assertThat(testCalls.stream().map(ReceivedCall::identifier).distinct().count())
                .as("half-open test calls rotate across the requests").isGreaterThanOrEqualTo(4);

        sandbox.behave();
        ids.forEach(id -> api.awaitStatus(id, "SUBMITTED"));
        List<Map<String, Object>> counted = jdbc.sql("""
                SELECT request_id, count(*) AS failures FROM audit_event
                WHERE to_status = 'PENDING' AND (details ->> 'attemptCounted')::boolean GROUP BY request_id""").query().listOfRows();
        assertThat(counted).allSatisfy(row -> assertThat((Long) row.get("failures")).isLessThanOrEqualTo(1));
    }
}
