package com.acme.privacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.TestDatabases;

/**
 * How fast one dispatcher can claim, call and record when neither Gong nor the pace holds it back: the sandbox is
 * unmetered and the limits are raised. The reference, measured in the same run on the same PostgreSQL, is the bare SQL
 * the dispatcher performs per request, run by pgbench on one connection (the dispatcher is one thread).
 */
class DispatchCeilingBenchmark {

    private static final int BACKLOG = 6000;

    /**
     * Per request, the statements the dispatcher sends: the claim and its event; the reservation (lead, pause, budget,
     * pace stamp: pgbench holds the lock by taking it again there, as cheap as the service's look-up); the receipt
     * with the settlement, and the two events. The service claims a batch at a time; here each request is claimed alone.
     */
    private static final String BARE_SQL = """
            BEGIN;
            WITH due AS (SELECT id FROM erasure_request WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) UPDATE erasure_request r SET status = 'DISPATCHING', lease_until = now() + interval '5 minutes', leased_by = 'pgbench', first_dispatched_at = coalesce(r.first_dispatched_at, now()), next_attempt_at = NULL, updated_at = now(), version = r.version + 1 FROM due WHERE r.id = due.id RETURNING quote_literal(r.id) AS rid \\gset
            INSERT INTO audit_event (request_id, actor, kind, from_status, to_status, reason, details) VALUES (:rid::uuid, 'system:dispatcher@pgbench', 'STATUS_CHANGED', 'PENDING', 'DISPATCHING', 'Claimed for dispatch', '{"attempt": 1, "replica": "pgbench"}');
            COMMIT;
            WITH lead AS (SELECT pg_try_advisory_lock(2, 1) AS held), paused AS (SELECT EXISTS (SELECT 1 FROM dispatch_pause WHERE id = 1 AND paused_until > now()) AS yes), used AS (INSERT INTO gong_daily_usage AS u (day, calls) SELECT (now() AT TIME ZONE 'UTC')::date, 1 WHERE (SELECT held FROM lead) AND NOT (SELECT yes FROM paused) ON CONFLICT (day) DO UPDATE SET calls = u.calls + 1 WHERE u.calls < 100000000 RETURNING calls), stamped AS (UPDATE dispatch_pace SET last_call_at = clock_timestamp(), calls_per_second = 1000 WHERE id = 1 AND EXISTS (SELECT 1 FROM used)) SELECT (SELECT held FROM lead), (SELECT yes FROM paused), EXISTS (SELECT 1 FROM used);
            BEGIN;
            UPDATE erasure_request SET gong_email_request_id = '7d1c0b1e-0000-4000-8000-000000000000', status = 'SUBMITTED', attempts = attempts + 1, next_attempt_at = NULL, submitted_at = now(), lease_until = NULL, leased_by = NULL, updated_at = now(), version = version + 1 WHERE id = :rid::uuid AND status = 'DISPATCHING' AND leased_by = 'pgbench';
            INSERT INTO audit_event (request_id, actor, kind, from_status, to_status, reason, details) VALUES (:rid::uuid, 'system:dispatcher@pgbench', 'GONG_CALL', NULL, NULL, 'erase-data-for-email-address answered 200', '{"attempt": 1, "endpoint": "erase-data-for-email-address", "httpStatus": 200, "gongRequestId": "7d1c0b1e-0000-4000-8000-000000000000", "errors": [], "latencyMs": 1, "failure": null, "replica": "pgbench"}'), (:rid::uuid, 'system:dispatcher@pgbench', 'STATUS_CHANGED', 'DISPATCHING', 'SUBMITTED', 'Gong accepted the erasure', '{"attempt": 1, "attemptCounted": true}');
            COMMIT;
            """;

    @Test
    void dispatchesPerSecondAgainstTheBareSql() throws Exception {
        TestDatabases.TestDatabase database = BenchDatabase.fresh("ceiling");
        JdbcClient jdbc = BenchDatabase.client(database);
        double service;
        try (GongSandbox sandbox = GongSandbox.start()) {
            sandbox.unmetered();
            Map<String, String> env = ServiceProcess.deployment(database, sandbox);
            env.put("PRIVACY_GONG_MAX_CALLS_PER_SECOND", "100000");
            env.put("PRIVACY_GONG_MAX_CALLS_PER_DAY", "100000000");
            env.put("PRIVACY_DISPATCH_CALLS_PER_SECOND", "100000");
            env.put("PRIVACY_DISPATCH_DAILY_BUDGET", "100000000");
            try (ServiceProcess replica = ServiceProcess.start("ceiling", env)) {
                Backlog.submitPaused(jdbc, replica, BACKLOG);
                Backlog.release(jdbc);
                Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> Backlog.count(jdbc, "SUBMITTED") == BACKLOG);
                List<ReceivedCall> calls = sandbox.erasures();
                service = (calls.size() - 1) / (Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()).toNanos() / 1e9);
            }
        }
        // The same rows again, for the reference; the audit trail only grows. The service never moves a request back
        // from SUBMITTED, and the database refuses it (V25): only this reset, with the service stopped, does.
        jdbc.sql("ALTER TABLE erasure_request DISABLE TRIGGER erasure_request_status_move").update();
        jdbc.sql("UPDATE erasure_request SET status = 'PENDING', next_attempt_at = now(), gong_email_request_id = NULL").update();
        jdbc.sql("ALTER TABLE erasure_request ENABLE TRIGGER erasure_request_status_move").update();
        double bareSql = Pgbench.tps(database, BARE_SQL, "-c", "1", "-t", String.valueOf(BACKLOG));

        BenchReport.write("Dispatch ceiling", """
                Sandbox unmetered; limits raised; one replica; backlog %d.

                | Service: claim, call and record (dispatches/s) | Bare SQL per request through pgbench, 1 connection (requests/s) | Ratio |
                |---|---|---|
                | %.0f | %.0f | %.2f |
                """.formatted(BACKLOG, service, bareSql, service / bareSql));
        // Against the reference of the same run, not a fixed rate: with fsync on, both move with the disk.
        assertThat(service / bareSql).as("dispatches per second, against the bare SQL").isGreaterThanOrEqualTo(0.9);
    }
}
