package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.GongSandbox.Reply;
import com.acme.privacy.testsupport.ServiceInstance;
import com.acme.privacy.testsupport.TcpProxy;
import com.acme.privacy.testsupport.TestDatabases;

/** Replicas that lose their database, stall, lack a key or stop mid-call, on one database and one Gong. */
class FailoverTest {

    /** 2.5 calls per second, the default pace. */
    private static final Duration INTERVAL = Duration.ofMillis(400);
    /** Arrival times at the sandbox carry a little scheduling jitter on top of the service's spacing. */
    private static final Duration JITTER = Duration.ofMillis(5);
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(5);

    TestDatabases.TestDatabase database;
    GongSandbox sandbox;
    ServiceInstance.Deployment deployment;
    JdbcClient jdbc;
    final List<ServiceInstance> instances = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = TestDatabases.fresh();
        sandbox = GongSandbox.start();
        deployment = new ServiceInstance.Deployment(database, sandbox);
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(), database.password()));
    }

    @AfterEach
    void tearDown() {
        instances.stream().filter(ServiceInstance::isRunning).forEach(ServiceInstance::close);
        sandbox.close();
    }

    private ServiceInstance start(String replica, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of("privacy.dispatch.failover-timeout", FAILOVER_BOUND.toSeconds() + "s"));
        properties.putAll(overrides);
        ServiceInstance instance = deployment.start(replica, properties);
        instances.add(instance);
        return instance;
    }

    /** A replica whose every database connection goes through {@code proxy}, and that leads. */
    private ServiceInstance leaderThrough(TcpProxy proxy, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(overrides);
        properties.put("spring.datasource.url", database.via(proxy.port()).url());
        ServiceInstance leader = start("replica-a", properties);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> leader.bean(Standby.class).isLeader());
        return leader;
    }

    private List<String> submit(Api api, int requests) {
        return List.copyOf(submitted(api, requests).keySet());
    }

    /** Request ids and their email addresses, in the order submitted. */
    private Map<String, String> submitted(Api api, int requests) {
        Map<String, String> emails = new LinkedHashMap<>();
        IntStream.range(0, requests).forEach(i -> {
            String email = "f-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
            emails.put(api.create(request(email, null, "GDPR")), email);
        });
        return emails;
    }

    private int count(String status) {
        return jdbc.sql("SELECT count(*) FROM erasure_request WHERE status = ?").param(status).query(Integer.class).single();
    }

    private static Duration smallestGap(List<ReceivedCall> calls) {
        Duration smallest = Duration.ofDays(1);
        for (int i = 1; i < calls.size(); i++) {
            Duration gap = Duration.between(calls.get(i - 1).at(), calls.get(i).at());
            smallest = gap.compareTo(smallest) < 0 ? gap : smallest;
        }
        return smallest;
    }

    @Test
    void whenTheLeadersConnectionIsCutAStandbyTakesOverWithinTheBoundAndKeepsTheSpacing() throws Exception {
        // The strictest reading of Gong's limit: any two calls closer than 1/3 s get a 429.
        sandbox.meter(3, 1);
        try (TcpProxy proxy = new TcpProxy(database.host(), database.port())) {
            ServiceInstance leader = leaderThrough(proxy, Map.of());
            ServiceInstance standby = start("replica-b", Map.of());
            submit(standby.api(), 12);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.erasures().size() >= 3);

            Instant cut = Instant.now();
            proxy.cut();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SUBMITTED") == 12);
            assertThat(standby.bean(Standby.class).isLeader()).isTrue();
            List<ReceivedCall> calls = sandbox.erasures();
            assertThat(calls).as("cut at %s: %s", cut, calls).extracting(ReceivedCall::status).containsOnly(200);
            assertThat(smallestGap(calls)).isGreaterThanOrEqualTo(INTERVAL.minus(JITTER));
            Instant firstAfterCut = calls.stream().map(ReceivedCall::at).filter(at -> at.isAfter(cut)).findFirst().orElseThrow();
            assertThat(Duration.between(cut, firstAfterCut)).isLessThan(FAILOVER_BOUND);
        }
    }

    @Test
    void aReplicaLostWhileHoldingClaimsCountsNoUnsentAttemptAndItsBacklogMovesInSeconds() throws Exception {
        try (TcpProxy proxy = new TcpProxy(database.host(), database.port())) {
            ServiceInstance leader = leaderThrough(proxy, Map.of());
            ServiceInstance standby = start("replica-b", Map.of());
            jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '1 hour'").update();
            Map<String, String> emails = submitted(standby.api(), 9);
            sandbox.enqueue(Reply.slow(Duration.ofSeconds(2)));
            jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL").update();
            // The leader has claimed its batch and is waiting for Gong's first answer.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.erasures().size() == 1
                    && count("DISPATCHING") > 1);

            Instant cut = Instant.now();
            proxy.cut();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SUBMITTED") == 9);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !leader.bean(Standby.class).isLeader());
            Instant firstAfterCut = sandbox.erasures().stream().map(ReceivedCall::at).filter(at -> at.isAfter(cut)).findFirst()
                    .orElseThrow();
            assertThat(Duration.between(cut, firstAfterCut)).as("well within the 5-minute lease").isLessThan(Duration.ofSeconds(3));
            emails.forEach((id, email) -> {
                long calls = sandbox.erasures().stream().filter(call -> call.identifier().equalsIgnoreCase(email)).count();
                assertThat(attempts(id)).as("attempts of %s, called %d times", id, calls).isLessThanOrEqualTo((int) calls).isEqualTo(1);
            });
        }
    }

    @Test
    void whenTheDatabaseComesBackTheClaimsOfABatchGoBackWithoutWaitingForTheLease() throws Exception {
        try (TcpProxy proxy = new TcpProxy(database.host(), database.port())) {
            ServiceInstance only = leaderThrough(proxy, Map.of());
            jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '1 hour'").update();
            Map<String, String> emails = submitted(only.api(), 5);
            sandbox.enqueue(Reply.slow(Duration.ofSeconds(2)));
            jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL").update();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.erasures().size() == 1 && count("DISPATCHING") == 5);

            // The answer arrives while the database is away: it cannot be recorded, nor the batch handed back (each
            // try waits out the pool's 3 s connection timeout), and the lead is lost with the lock's session.
            proxy.cut();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !only.bean(Standby.class).isLeader());
            proxy.restore();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SUBMITTED") == 5);
            emails.forEach((id, email) -> {
                long calls = sandbox.erasures().stream().filter(call -> call.identifier().equalsIgnoreCase(email)).count();
                assertThat(attempts(id)).as("attempts of %s, called %d times", id, calls).isEqualTo(1);
            });
        }
    }

    @Test
    void aStalledRoundGivesUpTheLeadSoThatAnotherReplicaTakesOver() throws Exception {
        ServiceInstance first = start("replica-a", Map.of("privacy.dispatch.watchdog-margin", "1s", "privacy.gong.read-timeout", "1s"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.bean(Standby.class).isLeader());
        ServiceInstance second = start("replica-b", Map.of());
        try (Connection blocker = DriverManager.getConnection(database.url(), database.username(), database.password());
             Statement statement = blocker.createStatement()) {
            // Every call's budget reservation stamps this table: the leader's round blocks on it.
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE dispatch_pace IN EXCLUSIVE MODE");
            List<String> ids = submit(second.api(), 2);

            // The watchdog's limit here: the 2 s deadline, the slowest pace's 10 s and the 1 s margin.
            Awaitility.await().atMost(Duration.ofSeconds(25)).until(() -> second.bean(Standby.class).isLeader());
            assertThat(first.bean(Standby.class).isLeader()).isFalse();
            assertThat(first.bean(Standby.class).standingDown()).isEqualTo(StandDown.STALLED);
            assertThat(Api.body(first.management().get().uri("/actuator/health/dispatcher").exchange())).contains("\"DOWN\"", "STALLED");
            assertThat(Api.body(first.management().get().uri("/actuator/prometheus").exchange()))
                    .contains("privacy_dispatch_standing_down{reason=\"stalled\"} 1");

            blocker.rollback();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count("SUBMITTED") == 2);
            assertThat(sandbox.erasures()).hasSize(2);
            assertThat(ids).allSatisfy(id -> assertThat(attempts(id)).isEqualTo(1));
        }
    }

    @Test
    void aReplicaWithoutTheKeyOfARequestStandsBackForOneThatHasIt() {
        ServiceInstance keyless = start("replica-a", Map.of("privacy.dispatch.missing-key-standby", "30s"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> keyless.bean(Standby.class).isLeader());
        ServiceInstance keyed = start("replica-b", Map.of("privacy.pii.encryption-keys.k2", ServiceInstance.Deployment.randomKey(),
                "privacy.pii.active-key-id", "k2"));

        String id = submit(keyed.api(), 1).get(0);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count("SUBMITTED") == 1);
        assertThat(keyed.bean(Standby.class).isLeader()).isTrue();
        assertThat(keyless.bean(Standby.class).standingDown()).isEqualTo(StandDown.MISSING_KEY);
        assertThat(attempts(id)).isEqualTo(1);
        assertThat(sandbox.erasures()).hasSize(1);
    }

    @Test
    void aCallInterruptedByShutdownIsRecordedWithoutCountingAnAttempt() {
        ServiceInstance only = start("replica-a", Map.of("privacy.dispatch.shutdown-grace", "1s", "privacy.gong.read-timeout", "10s"));
        sandbox.enqueue(Reply.slow(Duration.ofSeconds(8)));
        List<String> ids = submit(only.api(), 2);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.erasures().size() == 1);

        long started = System.nanoTime();
        only.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
        assertThat(count("PENDING")).isEqualTo(2);
        assertThat(ids).allSatisfy(id -> assertThat(attempts(id)).isZero());
        assertThat(jdbc.sql("SELECT details ->> 'failure' FROM audit_event WHERE kind = 'GONG_CALL'").query(String.class).list())
                .containsExactly("INTERRUPTED");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE to_status = 'PENDING' AND (details ->> 'attemptCounted')::boolean")
                .query(Integer.class).single()).isZero();
    }

    private int attempts(String id) {
        return jdbc.sql("SELECT attempts FROM erasure_request WHERE id = ?").param(UUID.fromString(id)).query(Integer.class).single();
    }
}
