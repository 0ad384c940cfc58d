package com.acme.privacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.TestDatabases;

/**
 * Intake throughput and latency at rising concurrency, against the bare SQL it stands for, run by pgbench on the same
 * PostgreSQL in the same run: the open-subject lookup, the request's insert and its audit event's insert, in one
 * transaction. The load comes from {@link Wrk} where installed, else from {@link IntakeLoad}, in a process of its own;
 * dispatching is off.
 */
class IntakeBenchmark {

    private static final int[] CONNECTIONS = {4, 8, 16, 32};
    private static final int SECONDS = 15;
    private static final int HALF_PEAK_CONNECTIONS = 32;

    private static final String BARE_SQL = """
            \\set r random(1, 9000000000000000)
            BEGIN;
            SELECT id FROM erasure_request WHERE email_hash = sha256((:r::text || '-' || :client_id::text)::bytea) AND source = 'bench' AND status IN ('PENDING', 'DISPATCHING');
            INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at, status, attempts, next_attempt_at, created_at, updated_at, version) VALUES (gen_random_uuid(), decode(md5(:r::text) || md5(:client_id::text) || md5(:r::text), 'hex'), 'k', sha256((:r::text || '-' || :client_id::text)::bytea), 'bench', 'GDPR', now(), now() + interval '1 month', 'PENDING', 0, now(), now(), now(), 0) RETURNING quote_literal(id) AS rid \\gset
            INSERT INTO audit_event (request_id, actor, kind, to_status, reason, details) VALUES (:rid::uuid, 'client:bench', 'RECEIVED', 'PENDING', 'Submitted by bench', '{"source": "bench", "externalReference": null, "regulation": "GDPR", "phoneNumberGiven": false, "idempotencyKey": null, "receivedAt": "2026-11-29T00:00:00Z", "dueAt": "2026-12-29T00:00:00Z"}');
            COMMIT;
            """;

    private record Load(int requests, int errors, double seconds, double p50, double p99, double p999) {

        double rate() {
            return requests / seconds;
        }
    }

    @Test
    void intakeReachesHalfTheBareSqlCeiling() throws Exception {
        TestDatabases.TestDatabase database = BenchDatabase.fresh("intake");
        List<Load> service = new ArrayList<>();
        Load halfPeak;
        double peak;
        try (GongSandbox sandbox = GongSandbox.start()) {
            Map<String, String> env = ServiceProcess.deployment(database, sandbox);
            env.put("PRIVACY_DISPATCH_ENABLED", "false");
            try (ServiceProcess intake = ServiceProcess.start("intake", env)) {
                load(intake, 8, 20, 0);
                for (int connections : CONNECTIONS) {
                    service.add(load(intake, connections, SECONDS, 0));
                }
                peak = service.stream().mapToDouble(Load::rate).max().orElseThrow();
                halfPeak = load(intake, HALF_PEAK_CONNECTIONS, SECONDS, peak / 2, service.get(0).p50());
            }
        }
        List<Double> bareSql = new ArrayList<>();
        for (int connections : CONNECTIONS) {
            bareSql.add(Pgbench.tps(database, BARE_SQL, "-c", String.valueOf(connections), "-j", String.valueOf(Math.min(connections, 2)),
                    "-T", String.valueOf(SECONDS)));
        }

        StringBuilder table = new StringBuilder(Wrk.installed()
                ? "Load from wrk: back to back on each connection, and at half the peak with exponential gaps after each answer.\n\n"
                : "All load from IntakeLoad (wrk is not installed).\n\n").append("""
                | Connections | Service (requests/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | Bare SQL, pgbench (transactions/s) | Ratio |
                |---|---|---|---|---|---|---|
                """);
        for (int i = 0; i < CONNECTIONS.length; i++) {
            Load load = service.get(i);
            table.append("| %d | %.0f | %.1f | %.1f | %.1f | %.0f | %.2f |%n".formatted(CONNECTIONS[i], load.rate(), load.p50(),
                    load.p99(), load.p999(), bareSql.get(i), load.rate() / bareSql.get(i)));
        }
        double peakRatio = peak / bareSql.stream().mapToDouble(d -> d).max().orElseThrow();
        table.append("\nPeak against peak: %.2f. At half the peak rate (%.0f requests/s aimed at, %.0f delivered, %d connections): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms.%n"
                .formatted(peakRatio, peak / 2, halfPeak.rate(), HALF_PEAK_CONNECTIONS, halfPeak.p50(), halfPeak.p99(), halfPeak.p999()));
        BenchReport.write("Intake", table.toString());
        assertThat(service).allSatisfy(load -> assertThat(load.errors()).isZero());
        assertThat(halfPeak.errors()).isZero();
        assertThat(peakRatio).isGreaterThanOrEqualTo(0.5);
        assertThat(halfPeak.p99()).isLessThan(50);
    }

    private static Load load(ServiceProcess service, int connections, int seconds, double rate) throws Exception {
        return load(service, connections, seconds, rate, 0);
    }

    /** With wrk, a rate is approached by gaps after each answer that take the expected answer time into account. */
    private static Load load(ServiceProcess service, int connections, int seconds, double rate, double answerMillis) throws Exception {
        long meanGap = rate == 0 ? 0 : Math.max(1, Math.round(connections * 1000 / rate - answerMillis));
        String output = Wrk.installed()
                ? Wrk.run("http://localhost:" + service.port(), ServiceProcess.API_KEY, connections, seconds, "wrk-" + UUID.randomUUID(), meanGap)
                : generate(service, connections, seconds, rate);
        String[] figures = output.substring(output.lastIndexOf('\n') + 1).split(" ");
        return new Load(Integer.parseInt(figures[0]), Integer.parseInt(figures[1]), Double.parseDouble(figures[2]),
                Double.parseDouble(figures[3]), Double.parseDouble(figures[4]), Double.parseDouble(figures[5]));
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
