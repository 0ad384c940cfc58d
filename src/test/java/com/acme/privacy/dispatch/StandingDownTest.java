package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.GongSandbox.Reply;
import com.acme.privacy.testsupport.ServiceInstance;

/** A replica that stalls, lacks a key or stops mid-call stands back for another, and counts nothing it did not send. */
class StandingDownTest extends ReplicaScenarios {

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
}
