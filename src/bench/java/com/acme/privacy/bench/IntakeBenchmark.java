package com.acme.privacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.TestDatabases;

/**
 * Intake throughput and latency at rising concurrency, against the SQL it stands for, run by pgbench on the same
 * PostgreSQL right after each load: the statement the service sends for a new request that arrives alone (the
 * request's insert and its RECEIVED event, one statement in autocommit), prepared as the driver prepares it; the
 * service stores those that arrive together in one statement. A reference below
 * {@link #FAST_ENOUGH} transactions/s is bound by the database's commits and would hide the service's own cost: the
 * benchmark then reports what it got and refuses to give a ratio. The load comes from {@link Wrk} where installed,
 * else from {@link IntakeLoad}, in a process of its own; dispatching is off.
 */
class IntakeBenchmark {

    private static final int[] CONNECTIONS = {4, 8, 16, 32};
    private static final int SECONDS = 15;
    private static final int HALF_PEAK_CONNECTIONS = 32;
    static final double FAST_ENOUGH = 2000;

    // Casts are spelled out: in prepared mode pgbench would read "::text" as a variable.
    private static final String SERVICE_SQL = """
            \\set r random(1, 9000000000000000)
            WITH stored AS (INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, email_masked, sealed_to_request, hash_key_id, source, regulation, received_at, due_at, status, attempts, next_attempt_at, correlation_id, hold_until_confirmed, created_at, updated_at, version) VALUES (gen_random_uuid(), decode(md5(CAST(:r AS text)) || md5(CAST(:client_id AS text)) || md5(CAST(:r AS text)), 'hex'), 'k', sha256(convert_to(CAST(:r AS text) || '-' || CAST(:client_id AS text), 'UTF8')), 'b***@example.com', true, 'h', 'bench', 'GDPR', now(), now() + interval '1 month', 'PENDING', 0, now(), md5(CAST(:r AS text)), false, now(), now(), 0) ON CONFLICT DO NOTHING RETURNING id)
            INSERT INTO audit_event (request_id, actor, kind, to_status, reason, details) SELECT id, 'client' || chr(58) || 'bench', 'RECEIVED', 'PENDING', 'Submitted by bench', jsonb_build_object('source', 'bench', 'externalReferenceDigest', null, 'regulation', 'GDPR', 'phoneNumberGiven', false, 'idempotencyKeyDigest', null, 'digestKeyId', 'h', 'receivedAt', CAST(now() AS text), 'dueAt', CAST(now() + interval '1 month' AS text)) FROM stored;
            """;

    /** @param perCommit requests stored per transaction: the service commits those that arrive together as one */
    private record Load(int requests, int errors, double seconds, double p50, double p99, double p999, double cpuSeconds,
                        double perCommit) {

        double rate() {
            return requests / seconds;
        }

        double cpuMillisPerRequest() {
            return cpuSeconds * 1000 / requests;
        }
    }

    @Test
    void intakeReachesHalfTheSqlItStandsFor() throws Exception {
        TestDatabases.TestDatabase database = BenchDatabase.fresh("intake");
        List<Load> service = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        Load halfPeak;
        double peak;
        try (GongSandbox sandbox = GongSandbox.start()) {
            Map<String, String> env = ServiceProcess.deployment(database, sandbox);
            env.put("PRIVACY_DISPATCH_ENABLED", "false");
            try (ServiceProcess intake = ServiceProcess.start("intake", env)) {
                JdbcClient jdbc = BenchDatabase.client(database);
                // A minute, so that the compiler has finished with the request path before the first figure: after
                // 30 s the service still spent three times the CPU per request at 4 connections that it did at 8.
                load(intake, jdbc, 8, 60, 0);
                Pgbench.tps(database, SERVICE_SQL, "-M", "prepared", "-c", "8", "-j", "2", "-T", "5");
                // Each load and its reference back to back, on a table of about the same size.
                for (int connections : CONNECTIONS) {
                    service.add(load(intake, jdbc, connections, SECONDS, 0));
                    reference.add(Pgbench.tps(database, SERVICE_SQL, "-M", "prepared", "-c", String.valueOf(connections),
                            "-j", String.valueOf(Math.min(connections, 2)), "-T", String.valueOf(SECONDS)));
                }
                peak = service.stream().mapToDouble(Load::rate).max().orElseThrow();
                halfPeak = load(intake, jdbc, HALF_PEAK_CONNECTIONS, SECONDS, peak / 2, service.get(0).p50());
            }
        }

        StringBuilder table = new StringBuilder(Wrk.installed()
                ? "Load from wrk: back to back on each connection, and at half the peak with exponential gaps after each answer.\n\n"
                : "All load from IntakeLoad (wrk is not installed).\n\n").append("""
                | Connections | Service (requests/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | Service CPU per request (ms) | Requests per commit | The service's SQL, pgbench (transactions/s) | Ratio |
                |---|---|---|---|---|---|---|---|---|
                """);
        double slowest = reference.stream().mapToDouble(d -> d).min().orElseThrow();
        boolean fastEnough = reference.get(index(8)) >= FAST_ENOUGH;
        for (int i = 0; i < CONNECTIONS.length; i++) {
            Load load = service.get(i);
            table.append("| %d | %.0f | %.1f | %.1f | %.1f | %.2f | %.1f | %.0f | %s |%n".formatted(CONNECTIONS[i], load.rate(), load.p50(),
                    load.p99(), load.p999(), load.cpuMillisPerRequest(), load.perCommit(), reference.get(i), fastEnough ? "%.2f".formatted(load.rate() / reference.get(i)) : "–"));
        }
        table.append("\nAt half the peak rate (%.0f requests/s aimed at, %.0f delivered, %d connections): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms.%n"
                .formatted(peak / 2, halfPeak.rate(), HALF_PEAK_CONNECTIONS, halfPeak.p50(), halfPeak.p99(), halfPeak.p999()));
        if (!fastEnough) {
            table.append("%nNo ratio: the reference reached %.0f transactions/s at 8 connections (slowest %.0f), under the %.0f this benchmark needs to show the service's own cost.%n"
                    .formatted(reference.get(index(8)), slowest, FAST_ENOUGH));
        }
        BenchReport.write("Intake", table.toString());
        assertThat(reference.get(index(8))).as("the reference at 8 connections, transactions/s").isGreaterThanOrEqualTo(FAST_ENOUGH);
        assertThat(service).allSatisfy(load -> assertThat(load.errors()).isZero());
        assertThat(halfPeak.errors()).isZero();
        for (int connections : new int[] {8, 32}) {
            assertThat(service.get(index(connections)).rate() / reference.get(index(connections))).as("ratio at %d connections", connections)
                    .isGreaterThanOrEqualTo(0.5);
        }
        assertThat(service.get(index(8)).p99()).as("p99 at 8 connections").isLessThan(50);
        assertThat(halfPeak.p99()).isLessThan(50);
    }

    private static int index(int connections) {
        for (int i = 0; i < CONNECTIONS.length; i++) {
            if (CONNECTIONS[i] == connections) {
                return i;
            }
        }
        throw new IllegalArgumentException("not measured: " + connections);
    }

    private static Load load(ServiceProcess service, JdbcClient jdbc, int connections, int seconds, double rate) throws Exception {
        return load(service, jdbc, connections, seconds, rate, 0);
    }

    /** With wrk, a rate is approached by gaps after each answer that take the expected answer time into account. */
    private static Load load(ServiceProcess service, JdbcClient jdbc, int connections, int seconds, double rate, double answerMillis)
            throws Exception {
        long meanGap = rate == 0 ? 0 : Math.max(1, Math.round(connections * 1000 / rate - answerMillis));
        double cpuBefore = service.cpuSeconds();
        long lastEventBefore = jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_event").query(Long.class).single();
        String output = Wrk.installed()
                ? Wrk.run("http://localhost:" + service.port(), ServiceProcess.API_KEY, connections, seconds, "wrk-" + UUID.randomUUID(), meanGap)
                : generate(service, connections, seconds, rate);
        String[] figures = output.substring(output.lastIndexOf('\n') + 1).split(" ");
        return new Load(Integer.parseInt(figures[0]), Integer.parseInt(figures[1]), Double.parseDouble(figures[2]),
                Double.parseDouble(figures[3]), Double.parseDouble(figures[4]), Double.parseDouble(figures[5]),
                service.cpuSeconds() - cpuBefore, perCommit(jdbc, lastEventBefore));
    }

    /** The events of the last load (its reference has not run yet): rows written by one transaction share its xmin. */
    private static double perCommit(JdbcClient jdbc, long lastEventBefore) {
        return jdbc.sql("SELECT count(*)::float8 / greatest(count(DISTINCT xmin::text), 1) FROM audit_event WHERE id > ?")
                .param(lastEventBefore).query(Double.class).single();
    }

    private static String generate(ServiceProcess service, int connections, int seconds, double rate) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), IntakeLoad.class.getName(), "http://localhost:" + service.port(),
                ServiceProcess.API_KEY, String.valueOf(connections), String.valueOf(seconds)));
        if (rate > 0) {
            command.add(String.valueOf(rate));
        }
        Process generator = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(generator.getInputStream().readAllBytes()).strip();
        if (generator.waitFor() != 0) {
            throw new IllegalStateException("The load generator failed:\n" + output);
        }
        return output;
    }
}
