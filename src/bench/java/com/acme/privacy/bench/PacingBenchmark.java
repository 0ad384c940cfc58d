package com.acme.privacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.TestDatabases;

/**
 * Pacing against the strictest reading of Gong's limit: a leaky bucket of 3 calls/s with capacity 1, so any two calls
 * closer than 1/3 s get a 429. The service runs at 2.9/s, with a backlog of 600 loaded before dispatching starts, or
 * with 120 submissions that arrive through the API while it dispatches, one after another from one client at 4/s,
 * faster than the pace. The reference is the configured pace: the result is the delivered share of it, and the 429s.
 */
class PacingBenchmark {

    private static final double PACE = 2.9;
    private static final int BACKLOG = 600;
    private static final int ARRIVING = 120;
    /** One submission every 250 ms: 4/s, faster than the pace, so the queue never runs dry while they arrive. */
    private static final Duration ARRIVAL_GAP = Duration.ofMillis(250);

    @Test
    void oneReplica() throws Exception {
        report("one replica", run(1, false));
    }

    @Test
    void threeReplicasOnOneDatabase() throws Exception {
        report("three replicas", run(3, false));
    }

    @Test
    void threeReplicasWithTheLeaderKilledMidRun() throws Exception {
        report("three replicas, leader killed (SIGKILL) after 300 calls", run(3, true));
    }

    @Test
    void oneReplicaWithTheBacklogArrivingWhileItDispatches() throws Exception {
        report("one replica, %d submissions arriving while it dispatches".formatted(ARRIVING), arriving(1));
    }

    @Test
    void threeReplicasWithTheBacklogArrivingWhileTheyDispatch() throws Exception {
        report("three replicas, %d submissions arriving while they dispatch".formatted(ARRIVING), arriving(3));
    }

    /** What a scenario does once its replicas run against the strict sandbox. */
    private interface Scenario {
        Result run(List<ServiceProcess> services, JdbcClient jdbc, GongSandbox sandbox) throws Exception;
    }

    private Result onReplicas(String name, int replicas, Scenario scenario) throws Exception {
        TestDatabases.TestDatabase database = BenchDatabase.fresh(name);
        JdbcClient jdbc = BenchDatabase.client(database);
        try (GongSandbox sandbox = GongSandbox.start()) {
            sandbox.meter(3, 1);
            Map<String, String> env = ServiceProcess.deployment(database, sandbox);
            env.put("PRIVACY_DISPATCH_CALLS_PER_SECOND", String.valueOf(PACE));
            List<ServiceProcess> services = new ArrayList<>();
            try {
                for (int i = 0; i < replicas; i++) {
                    services.add(ServiceProcess.start(name + "-" + (char) ('a' + i), env));
                }
                return scenario.run(services, jdbc, sandbox);
            } finally {
                for (ServiceProcess service : services) {
                    service.close();
                }
            }
        }
    }

    private Result arriving(int replicas) throws Exception {
        return onReplicas("pacing_arriving_" + replicas, replicas, (services, jdbc, sandbox) -> {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> services.stream().anyMatch(ServiceProcess::dispatching));
            // Each replica takes its turn at the intake, as a load balancer would send them.
            Backlog.submitOneByOne(services, ARRIVING, ARRIVAL_GAP);
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Backlog.count(jdbc, "SUBMITTED") == ARRIVING);
            return Result.of(sandbox.erasures(), null);
        });
    }

    private Result run(int replicas, boolean killLeader) throws Exception {
        return onReplicas("pacing_" + replicas + (killLeader ? "_kill" : ""), replicas, (services, jdbc, sandbox) -> {
            Backlog.submitPaused(jdbc, services.get(0), BACKLOG);
            Backlog.release(jdbc);
            Instant killedAt = null;
            if (killLeader) {
                Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> sandbox.erasures().size() >= BACKLOG / 2);
                ServiceProcess leader = services.stream().filter(ServiceProcess::dispatching).findFirst().orElseThrow();
                killedAt = Instant.now();
                leader.kill();
                services.remove(leader);
            }
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Backlog.count(jdbc, "SUBMITTED") == BACKLOG);
            return Result.of(sandbox.erasures(), killedAt);
        });
    }

    private static void report(String scenario, Result result) {
        BenchReport.write("Pacing: " + scenario, """
                Sandbox: leaky bucket 3 calls/s, capacity 1. Service: `calls-per-second` %.1f, %d requests.

                | Calls | 429s | Delivered calls/s | Share of the configured pace | Smallest gap between call starts | Longest gap |
                |---|---|---|---|---|---|
                | %d | %d | %.3f | %.1f %% | %d ms | %d ms |

                Where the time went: %s
                %s""".formatted(PACE, result.calls(), result.calls(), result.limited(), result.rate(), 100 * result.rate() / PACE,
                result.smallestGap().toMillis(), result.longestGap().toMillis(), result.lateGaps(),
                result.killedAt() == null ? "" : "\nThe longest gap is the takeover after the kill; without it the share is "
                        + "%.1f %%.".formatted(100 * result.rateWithoutLongestGap() / PACE)));
        assertThat(result.limited()).as("429s").isZero();
        assertThat(result.killedAt() == null ? result.rate() : result.rateWithoutLongestGap()).isGreaterThanOrEqualTo(0.97 * PACE);
    }

    /** What the sandbox saw, from the first call to the last. */
    /** @param lateGaps the gaps longer than the pace allows, by call number, and what they cost */
    private record Result(int calls, int limited, double rate, Duration smallestGap, Duration longestGap,
                          double rateWithoutLongestGap, Instant killedAt, String lateGaps) {

        static Result of(List<ReceivedCall> calls, Instant killedAt) {
            Duration smallest = Duration.ofDays(1);
            Duration longest = Duration.ZERO;
            Duration interval = Duration.ofNanos(Math.round(1e9 / PACE));
            List<String> late = new ArrayList<>();
            long lostMillis = 0;
            for (int i = 1; i < calls.size(); i++) {
                Duration gap = Duration.between(calls.get(i - 1).at(), calls.get(i).at());
                smallest = gap.compareTo(smallest) < 0 ? gap : smallest;
                longest = gap.compareTo(longest) > 0 ? gap : longest;
                if (gap.compareTo(interval.plusMillis(interval.toMillis() / 5)) > 0) {
                    late.add("#%d %d ms".formatted(i, gap.toMillis()));
                    lostMillis += gap.minus(interval).toMillis();
                }
            }
            String lateGaps = late.isEmpty() ? "no gap over 1.2 times the pace interval."
                    : "%d gaps over 1.2 times the pace interval cost %d ms in all: %s.".formatted(late.size(), lostMillis,
                    String.join(", ", late.subList(0, Math.min(12, late.size()))) + (late.size() > 12 ? ", …" : ""));
            double seconds = Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()).toNanos() / 1e9;
            int limited = (int) calls.stream().filter(call -> call.status() == 429).count();
            int intervals = calls.size() - 1;
            return new Result(calls.size(), limited, intervals / seconds, smallest, longest,
                    (intervals - 1) / (seconds - longest.toNanos() / 1e9), killedAt, lateGaps);
        }
    }
}
