package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
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

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/** Call starts, as Gong sees them, against the strictest reading of its leaky bucket. */
@DispatcherTest
@TestPropertySource(properties = "privacy.dispatch.pace.increase-per-success=0.2")
class PacingTest {

    /** The default pace, 2.5 calls per second. */
    private static final Duration INTERVAL = Duration.ofMillis(400);
    /**
     * Arrival times at the sandbox carry scheduling jitter on top of the service's spacing, more while test JVMs
     * share the cores; still far above Gong's strictest reading (1/3 s), which the sandbox enforces with 429s.
     */
    private static final Duration JITTER = Duration.ofMillis(25);

    @LocalServerPort
    int port;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    GongPace pace;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
        pace.resume(null, null, null, null);
    }

    private List<String> submit(int requests) {
        return IntStream.range(0, requests)
                .mapToObj(i -> api.create(request("p-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com", null, "GDPR")))
                .toList();
    }

    private static List<Duration> gaps(List<ReceivedCall> calls) {
        return IntStream.range(1, calls.size()).mapToObj(i -> Duration.between(calls.get(i - 1).at(), calls.get(i).at())).toList();
    }

    @Test
    void callStartsAreNeverCloserThanTheIntervalEvenAroundA429() {
        // Capacity 1: any two calls closer than 1/3 s get a 429. The fourth call draws a scripted one.
        sandbox.meter(3, 1);
        sandbox.enqueue(Reply.slow(Duration.ZERO), Reply.slow(Duration.ZERO), Reply.slow(Duration.ZERO), Reply.rateLimited("1"));

        submit(10).forEach(id -> api.awaitStatus(id, "SUBMITTED"));

        List<ReceivedCall> calls = sandbox.erasures();
        assertThat(calls).hasSize(11);
        assertThat(calls).extracting(ReceivedCall::status).containsOnlyOnce(429);
        assertThat(gaps(calls)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(INTERVAL.minus(JITTER)));
        // After Retry-After, at half the pace.
        assertThat(gaps(calls).get(3)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(gaps(calls).get(4)).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(2).minus(JITTER));
    }

    @Test
    void thePaceSettlesBelowWhatOtherIntegrationsLeaveUntilNo429sArrive() {
        // Others use part of the company's limit: 1.4 calls per second are left, and the service is set to 2.5.
        sandbox.meter(1.4, 1);

        submit(30).forEach(id -> api.awaitStatus(id, "SUBMITTED"));

        List<ReceivedCall> calls = sandbox.erasures();
        assertThat(calls.stream().filter(call -> call.status() == 429).count()).isBetween(1L, 4L);
        assertThat(calls.subList(calls.size() - 10, calls.size())).extracting(ReceivedCall::status).containsOnly(200);
        assertThat(pace.callsPerSecond()).isLessThan(1.4);
    }
}
