package com.acme.privacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.TestDatabases;

/**
 * The dispatcher's claim, the search by email and the overdue list, as the service sends them, at 1,000 rows and at
 * 1,000,000 rows in the realistic shape ({@link RealisticRequests}).
 * The reference is each query's own latency at 1,000 rows, measured in the same run.
 */
class ScaleBenchmark {

    private static final int SMALL = 1_000;
    private static final int LARGE = 1_000_000;
    private static final int RUNS = 300;

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("Claim (12, rolled back)", """
                WITH due AS (SELECT id FROM erasure_request WHERE status = 'PENDING' AND next_attempt_at <= now()
                             ORDER BY due_at, id LIMIT 12 FOR UPDATE SKIP LOCKED)
                UPDATE erasure_request r SET status = 'DISPATCHING', lease_until = now() + interval '5 minutes',
                       leased_by = 'bench', next_attempt_at = NULL, updated_at = now(), version = r.version + 1
                FROM due WHERE r.id = due.id RETURNING r.id""");
        QUERIES.put("Search by email", """
                SELECT * FROM erasure_request WHERE email_hash = sha256('42'::bytea) ORDER BY created_at DESC""");
        QUERIES.put("Oldest open request (gauge)", """
                SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM erasure_request
                WHERE status IN ('PENDING', 'DISPATCHING')""");
        QUERIES.put("Overdue list, first page", """
                SELECT * FROM erasure_request WHERE due_at < now() AND status IN ('PENDING', 'DISPATCHING', 'FAILED')
                ORDER BY created_at DESC LIMIT 50""");
    }

    @Test
    void theDispatchersQueriesStayFlatFromAThousandToAMillionRows() throws Exception {
        TestDatabases.TestDatabase database = BenchDatabase.fresh("scale");
        Migrations.apply(database);
        JdbcClient jdbc = BenchDatabase.client(database);

        RealisticRequests.fill(jdbc, 1, SMALL);
        Map<String, double[]> small = measure(database);
        RealisticRequests.fill(jdbc, SMALL + 1, LARGE);
        Map<String, double[]> large = measure(database);

        StringBuilder table = new StringBuilder("""
                | Query | Median at 1,000 rows (ms) | Median at 1,000,000 rows (ms) | Ratio | p95 at 1,000,000 (ms) |
                |---|---|---|---|---|
                """);
        QUERIES.keySet().forEach(name -> table.append("| %s | %.3f | %.3f | %.2f | %.3f |%n".formatted(name, small.get(name)[0],
                large.get(name)[0], large.get(name)[0] / small.get(name)[0], large.get(name)[1])));
        BenchReport.write("Dispatcher queries at scale", table.toString());
        QUERIES.keySet().forEach(name -> assertThat(large.get(name)[0] / small.get(name)[0]).as(name).isLessThanOrEqualTo(3));
    }

    /** Median and p95 in milliseconds, after a warm-up; the claim runs in a transaction that is rolled back. */
    private static Map<String, double[]> measure(TestDatabases.TestDatabase database) throws SQLException {
        Map<String, double[]> results = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            connection.setAutoCommit(false);
            for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                try (PreparedStatement statement = connection.prepareStatement(query.getValue())) {
                    double[] millis = new double[RUNS];
                    for (int run = -50; run < RUNS; run++) {
                        long started = System.nanoTime();
                        try (ResultSet rows = statement.executeQuery()) {
                            while (rows.next()) {
                                rows.getObject(1);
                            }
                        }
                        connection.rollback();
                        if (run >= 0) {
                            millis[run] = (System.nanoTime() - started) / 1e6;
                        }
                    }
                    Arrays.sort(millis);
                    results.put(query.getKey(), new double[] {millis[RUNS / 2], millis[RUNS * 95 / 100]});
                }
            }
        }
        return results;
    }
}
