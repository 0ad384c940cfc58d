package com.acme.privacy.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.testsupport.FreshDatabase;

/** The console's lookups and lists, on a table in the shape of two years of requests, each read through an index. */
// A context, and so a database, of its own: the rows of IndexUsageTest, in another shape, would change the plans.
@DataJpaTest(properties = "spring.datasource.hikari.pool-name=console-index-usage")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIndexUsageTest {

    private static final int ROWS = 100_000;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void fill() {
        // One request every ten minutes back from now (about two years), mostly answered (a third of them confirmed),
        // the open ones the newest, a tenth of those held; a few failed or needing attention (their data re-imported);
        // one in 200 extended.
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, external_reference,
                    regulation, received_at, due_at, original_due_at, status, next_attempt_at, submitted_at, completed_at,
                    checks_with_data,
                    created_at, updated_at)
                SELECT gen_random_uuid(), '\\x00', 'k', sha256(('console-' || i)::bytea), 'portal-' || (i % 20),
                       CASE WHEN i % 4 = 0 THEN 'REF-' || i END, 'GDPR',
                       now() - (i * 10 || ' minutes')::interval, now() - (i * 10 || ' minutes')::interval + interval '30 days',
                       CASE WHEN i % 200 = 0 THEN now() - (i * 10 || ' minutes')::interval END, status, now(),
                       CASE WHEN status IN ('SUBMITTED', 'COMPLETED', 'NEEDS_ATTENTION') THEN now() - (i * 10 - 5 || ' minutes')::interval END,
                       CASE WHEN status = 'COMPLETED' THEN now() - (i * 10 - 5 || ' minutes')::interval + interval '1 day' END,
                       CASE WHEN status = 'NEEDS_ATTENTION' THEN 2 ELSE 0 END,
                       now() - (i * 10 || ' minutes')::interval, now()
                FROM generate_series(1, :rows) AS i,
                     LATERAL (SELECT CASE WHEN i <= 1500 AND i % 10 = 0 THEN 'HELD' WHEN i <= 1500 THEN 'PENDING'
                                          WHEN i % 997 = 0 THEN 'FAILED' WHEN i % 1009 = 0 THEN 'NEEDS_ATTENTION'
                                          WHEN i % 3 = 0 THEN 'COMPLETED' ELSE 'SUBMITTED' END AS status) AS chosen
                """).param("rows", ROWS).update();
        // The subject told of every confirmed erasure.
        jdbc.sql("UPDATE erasure_request SET answered_at = completed_at, answer_kind = 'CONFIRMED_ERASURE' WHERE status = 'COMPLETED'")
                .update();
        jdbc.sql("ANALYZE erasure_request").update();
    }

    private String plan(String query) {
        return String.join("\n", jdbc.sql("EXPLAIN " + query).query(String.class).list());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Find by external reference (V20), a page of it.
            "SELECT * FROM erasure_request WHERE external_reference = 'REF-4000' ORDER BY created_at DESC, id LIMIT 20",
            // The chart: per day over 30 days, received and completed (V24).
            "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) FROM erasure_request WHERE created_at >= now() - interval '30 days' GROUP BY day",
            "SELECT (completed_at AT TIME ZONE 'UTC')::date AS day, count(*) FROM erasure_request WHERE completed_at >= now() - interval '30 days' GROUP BY day",
            // The worklists, by deadline.
            "SELECT * FROM erasure_request WHERE status IN ('HELD', 'PENDING', 'DISPATCHING', 'FAILED', 'NEEDS_ATTENTION') AND due_at < now() ORDER BY due_at ASC, id LIMIT 20 OFFSET 0",
            "SELECT * FROM erasure_request WHERE status = 'FAILED' ORDER BY due_at DESC, id LIMIT 20 OFFSET 0",
            // Needs attention (V24) and held, both ways, and their counts for the pager.
            "SELECT * FROM erasure_request WHERE status = 'NEEDS_ATTENTION' ORDER BY due_at ASC, id LIMIT 20 OFFSET 0",
            "SELECT * FROM erasure_request WHERE status = 'NEEDS_ATTENTION' ORDER BY due_at DESC, id LIMIT 20 OFFSET 0",
            "SELECT count(*) FROM erasure_request WHERE status = 'NEEDS_ATTENTION'",
            "SELECT * FROM erasure_request WHERE status = 'HELD' ORDER BY due_at ASC, id LIMIT 20 OFFSET 0",
            "SELECT * FROM erasure_request WHERE status = 'HELD' ORDER BY due_at DESC, id LIMIT 20 OFFSET 0",
            "SELECT count(*) FROM erasure_request WHERE status = 'HELD'",
            // Re-imported (V34), both ways, and its count.
            "SELECT * FROM erasure_request WHERE checks_with_data > 0 ORDER BY due_at ASC, id LIMIT 20 OFFSET 0",
            "SELECT * FROM erasure_request WHERE checks_with_data > 0 ORDER BY due_at DESC, id LIMIT 20 OFFSET 0",
            "SELECT count(*) FROM erasure_request WHERE checks_with_data > 0",
            "SELECT * FROM erasure_request WHERE status IN ('HELD', 'PENDING', 'DISPATCHING', 'FAILED') AND due_at >= now() AND due_at < now() + interval '7 days' ORDER BY due_at ASC, id LIMIT 20 OFFSET 0",
            // The overview's days-left chart and oldest open request.
            "SELECT floor(extract(epoch FROM due_at - now()) / 86400)::bigint AS days, count(*) FROM erasure_request WHERE status IN ('HELD', 'PENDING', 'DISPATCHING', 'FAILED') GROUP BY days",
            "SELECT id, created_at, due_at FROM erasure_request WHERE status IN ('PENDING', 'DISPATCHING') ORDER BY created_at LIMIT 1"})
    void readsThroughAnIndex(String query) {
        assertThat(plan(query)).doesNotContain("Seq Scan").containsIgnoringCase("index");
    }

    /** The overview's tile and the worklist, as the console sends them, read from the index over exactly their rows (V32). */
    @ParameterizedTest
    @ValueSource(strings = {"SELECT count(*) FROM erasure_request WHERE %s",
            "SELECT * FROM erasure_request WHERE %s ORDER BY due_at ASC, id LIMIT 20 OFFSET 0"})
    void extensionsWithoutNoticeAreReadThroughTheIndexOfExtendedRequests(String query) {
        assertThat(plan(query.formatted(Worklist.EXTENSION_WITHOUT_NOTICE.condition()))).doesNotContain("Seq Scan")
                .contains("erasure_request_extension_without_notice_idx");
    }
}
