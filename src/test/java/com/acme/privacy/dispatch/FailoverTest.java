package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.GongSandbox.Reply;
import com.acme.privacy.testsupport.ServiceInstance;
import com.acme.privacy.testsupport.TcpProxy;

/** Replicas that lose their database connection: a standby takes over within the bound, and nothing is lost. */
class FailoverTest extends ReplicaScenarios {

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
            // try waits out the pool's connection timeout), and the lead is lost with the lock's session.
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
}
