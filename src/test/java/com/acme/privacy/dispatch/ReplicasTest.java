package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
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
import com.acme.privacy.testsupport.TestDatabases;
import com.jayway.jsonpath.JsonPath;

/** Several replicas, restarts and shutdowns on one database and one Gong. */
class ReplicasTest {

    GongSandbox sandbox;
    ServiceInstance.Deployment deployment;
    JdbcClient jdbc;
    ServiceInstance first;
    ServiceInstance second;

    @BeforeEach
    void setUp() {
        TestDatabases.TestDatabase database = TestDatabases.fresh();
        sandbox = GongSandbox.start();
        deployment = new ServiceInstance.Deployment(database, sandbox);
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(), database.password()));
    }

    @AfterEach
    void tearDown() {
        for (ServiceInstance instance : new ServiceInstance[] {first, second}) {
            if (instance != null && instance.isRunning()) {
                instance.close();
            }
        }
        sandbox.close();
    }

    private static String unique() {
        return "rep-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private int count(String status) {
        return jdbc.sql("SELECT count(*) FROM erasure_request WHERE status = ?").param(status).query(Integer.class).single();
    }

    private List<String> submit(Api api, int requests) {
        return IntStream.range(0, requests).mapToObj(i -> api.create(request(unique(), null, "GDPR"))).toList();
    }

    @Test
    void twoReplicasSendEachRequestOnceAndTogetherStayUnderTheRate() {
        first = deployment.start("replica-a");
        second = deployment.start("replica-b");

        submit(second.api(), 15);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SUBMITTED") == 15);

        List<ReceivedCall> calls = sandbox.erasures();
        assertThat(calls).hasSize(15);
        assertThat(calls).extracting(ReceivedCall::identifier).doesNotHaveDuplicates();
        assertThat(calls).extracting(ReceivedCall::status).containsOnly(200);
        assertAtMostPerWindow(calls, 6, Duration.ofSeconds(2));
        assertThat(first.bean(Standby.class).isLeader() ^ second.bean(Standby.class).isLeader()).isTrue();

        ServiceInstance leader = first.bean(Standby.class).isLeader() ? first : second;
        ServiceInstance standby = leader == first ? second : first;
        leader.close();
        submit(standby.api(), 5);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SUBMITTED") == 20);
        assertThat(standby.bean(Standby.class).isLeader()).isTrue();
        assertThat(sandbox.erasures()).hasSize(20).extracting(ReceivedCall::identifier).doesNotHaveDuplicates();
    }

    /** Over any window, no more calls than the configured 2.5/s allows, plus the one that opens the window. */
    private static void assertAtMostPerWindow(List<ReceivedCall> calls, int max, Duration window) {
        for (ReceivedCall start : calls) {
            Instant end = start.at().plus(window);
            long inWindow = calls.stream().filter(call -> !call.at().isBefore(start.at()) && call.at().isBefore(end)).count();
            assertThat(inWindow).as("calls in the %s after %s", window, start.at()).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void refusesToStartWithALeaseTooShortForARequest() {
        assertThatThrownBy(() -> deployment.start("replica-a", Map.of("privacy.dispatch.lease", "10s")))
                .hasStackTraceContaining("privacy.dispatch.lease (PT10S) must be at least twice");
    }

    @Test
    void theDailyBudgetHoldsAcrossARestart() {
        Map<String, Object> budgetOfThree = Map.of("privacy.dispatch.daily-budget", "3");
        first = deployment.start("replica-a", budgetOfThree);
        submit(first.api(), 5);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count("SUBMITTED") == 3);
        first.close();

        second = deployment.start("replica-b", budgetOfThree);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> count("SUBMITTED") == 3);
        assertThat(sandbox.erasures()).hasSize(3);
        assertThat(count("PENDING")).isEqualTo(2);

        // A new UTC day.
        jdbc.sql("UPDATE gong_daily_usage SET day = day - 1").update();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count("SUBMITTED") == 5);
        assertThat(sandbox.erasures()).hasSize(5);
    }

    @Test
    void onShutdownTheCallUnderWayIsFinishedAndRecordedAndTheRestReleased() {
        first = deployment.start("replica-a");
        jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '1 hour'").update();
        List<String> ids = submit(first.api(), 3);
        sandbox.enqueue(Reply.slow(Duration.ofMillis(1500)));
        jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL").update();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.erasures().size() == 1);

        first.close();

        assertThat(count("SUBMITTED")).isEqualTo(1);
        assertThat(count("PENDING")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM erasure_request WHERE status = 'PENDING' AND attempts = 0").query(Integer.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE reason = 'The dispatcher is shutting down'").query(Integer.class).single())
                .isEqualTo(2);
        assertThat(sandbox.erasures()).hasSize(1);

        second = deployment.start("replica-b");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count("SUBMITTED") == 3);
        String details = Api.body(second.api().get(ids.get(2)));
        assertThat((Integer) JsonPath.read(details, "$.attempts")).isEqualTo(1);
    }
}
