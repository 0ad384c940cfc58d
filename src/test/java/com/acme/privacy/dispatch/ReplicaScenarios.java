package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.request;

import java.time.Duration;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.ServiceInstance;
import com.acme.privacy.testsupport.TcpProxy;
import com.acme.privacy.testsupport.TestDatabases;

/** Replicas of the service on one database and one Gong sandbox, started per test, and what they leave behind. */
abstract class ReplicaScenarios {

    /** 2.5 calls per second, the default pace. */
    static final Duration INTERVAL = Duration.ofMillis(400);
    /**
     * Arrival times at the sandbox carry scheduling jitter on top of the service's spacing, more while test JVMs
     * share the cores; still far above Gong's strictest reading (1/3 s), which the sandbox enforces with 429s.
     */
    static final Duration JITTER = Duration.ofMillis(25);
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(5);

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

    ServiceInstance start(String replica, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of("privacy.dispatch.failover-timeout", FAILOVER_BOUND.toSeconds() + "s"));
        properties.putAll(overrides);
        ServiceInstance instance = deployment.start(replica, properties);
        instances.add(instance);
        return instance;
    }

    /** A replica whose every database connection goes through {@code proxy}, and that leads. */
    ServiceInstance leaderThrough(TcpProxy proxy, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(overrides);
        properties.put("spring.datasource.url", database.via(proxy.port()).url());
        // Once the proxy is cut, each of the leader's database calls waits out this timeout: 1 s instead of 3.
        properties.put("spring.datasource.hikari.connection-timeout", "1000");
        ServiceInstance leader = start("replica-a", properties);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> leader.bean(Standby.class).isLeader());
        return leader;
    }

    List<String> submit(Api api, int requests) {
        return List.copyOf(submitted(api, requests).keySet());
    }

    /** Request ids and their email addresses, in the order submitted. */
    Map<String, String> submitted(Api api, int requests) {
        Map<String, String> emails = new LinkedHashMap<>();
        IntStream.range(0, requests).forEach(i -> {
            String email = "f-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
            emails.put(api.create(request(email, null, "GDPR")), email);
        });
        return emails;
    }

    int count(String status) {
        return jdbc.sql("SELECT count(*) FROM erasure_request WHERE status = ?").param(status).query(Integer.class).single();
    }

    static Duration smallestGap(List<ReceivedCall> calls) {
        Duration smallest = Duration.ofDays(1);
        for (int i = 1; i < calls.size(); i++) {
            Duration gap = Duration.between(calls.get(i - 1).at(), calls.get(i).at());
            smallest = gap.compareTo(smallest) < 0 ? gap : smallest;
        }
        return smallest;
    }

    int attempts(String id) {
        return jdbc.sql("SELECT attempts FROM erasure_request WHERE id = ?").param(UUID.fromString(id)).query(Integer.class).single();
    }
}
