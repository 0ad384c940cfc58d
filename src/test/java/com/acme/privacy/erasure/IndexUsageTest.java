package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.testsupport.FreshDatabase;

/** With a realistically large table, the lookups the service makes use an index, not a full scan. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexUsageTest {

    private static final int ROWS = 200_000;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void fill() {
        // The realistic shape: mostly answered requests, as in a table that has run for a couple of years, with the open
        // ones the newest (i counts minutes back from now) and a few FAILED scattered through.
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, phone_ciphertext, phone_key_id,
                    phone_hash, source, regulation, received_at, due_at, status, next_attempt_at, created_at, updated_at)
                SELECT gen_random_uuid(), '\\x00', 'k', sha256(i::text::bytea),
                       CASE WHEN i % 3 = 0 THEN '\\x00'::bytea END, CASE WHEN i % 3 = 0 THEN 'k' END,
                       CASE WHEN i % 3 = 0 THEN sha256(('p' || i)::bytea) END,
                       'portal-' || (i % 20), CASE WHEN i % 2 = 0 THEN 'GDPR' ELSE 'CCPA' END,
                       now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval + interval '30 days',
                       CASE WHEN i <= 1500 THEN 'PENDING' WHEN i <= 1600 THEN 'DISPATCHING' WHEN i % 997 = 0 THEN 'FAILED'
                            ELSE 'SUBMITTED' END,
                       now(), now() - (i || ' minutes')::interval, now()
                FROM generate_series(1, :rows) AS i
                """).param("rows", ROWS).update();
        jdbc.sql("""
                INSERT INTO audit_event (request_id, actor, kind, to_status)
                SELECT id, 'client:test', 'RECEIVED', 'PENDING' FROM erasure_request LIMIT :events
                """).param("events", ROWS / 10).update();
        jdbc.sql("ANALYZE erasure_request").update();
        jdbc.sql("ANALYZE audit_event").update();
    }

    private String plan(String query) {
        return String.join("\n", jdbc.sql("EXPLAIN " + query).query(String.class).list());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM erasure_request WHERE id = '0190b5a0-0000-7000-8000-000000000001'",
            "SELECT * FROM erasure_request WHERE email_hash = sha256('42'::bytea)",
            "SELECT * FROM erasure_request WHERE email_hash = sha256('42'::bytea) AND status IN ('PENDING', 'DISPATCHING')",
            "SELECT * FROM erasure_request WHERE phone_hash = sha256('p42'::bytea)",
            "SELECT * FROM erasure_request WHERE status = 'PENDING' ORDER BY received_at LIMIT 50",
            "SELECT * FROM erasure_request WHERE status = 'FAILED' AND received_at >= now() - interval '1 day'",
            "SELECT * FROM erasure_request WHERE source = 'portal-7' ORDER BY created_at DESC LIMIT 50",
            "SELECT * FROM erasure_request WHERE due_at < now() AND status IN ('PENDING', 'DISPATCHING', 'FAILED')",
            "SELECT * FROM erasure_request WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 10",
            "SELECT * FROM erasure_request WHERE source = 'portal-7' AND idempotency_key = 'abc'",
            "SELECT id FROM erasure_request WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY due_at, id LIMIT 12 FOR UPDATE SKIP LOCKED",
            "SELECT id FROM erasure_request WHERE status = 'DISPATCHING' AND lease_until < now()"})
    void lookupsUseAnIndex(String query) {
        assertThat(plan(query)).doesNotContain("Seq Scan").containsIgnoringCase("index");
    }

    /** Open requests are the newest rows: walking the whole created_at index for them would read nearly all of it. */
    @Test
    void theOldestOpenRequestIsReadFromThePartialIndexOfOpenRequests() {
        assertThat(plan("SELECT min(created_at) FROM erasure_request WHERE status IN ('PENDING', 'DISPATCHING')"))
                .contains("erasure_request_open_created_idx").doesNotContain("Seq Scan");
    }

    @Test
    void theOverdueListWalksUnansweredRequestsNewestFirst() {
        assertThat(plan("SELECT * FROM erasure_request WHERE due_at < now() AND status IN ('PENDING', 'DISPATCHING', 'FAILED') "
                + "ORDER BY created_at DESC LIMIT 50"))
                .contains("erasure_request_unanswered_created_idx").doesNotContain("Sort");
    }

    /** It walks only open requests, already in deadline order, and stops at its limit. */
    @Test
    void theClaimWalksOpenRequestsInDeadlineOrder() {
        assertThat(plan("SELECT id FROM erasure_request WHERE status = 'PENDING' AND next_attempt_at <= now() "
                + "ORDER BY due_at, id LIMIT 12 FOR UPDATE SKIP LOCKED"))
                .contains("Index Scan using erasure_request_open_due_idx").doesNotContain("top-N heapsort");
    }

    /**
     * A list window in each order the API sorts by, as the service sends it: the sort key, then the id. It reads an index
     * in that order and stops at the window; no plan sorts the table (V23 added the indexes for the last three).
     */
    @ParameterizedTest
    @CsvSource({
            "created_at DESC, id DESC, erasure_request_created_idx",
            "received_at, id, erasure_request_received_idx",
            "due_at, id, erasure_request_due_id_idx",
            "updated_at DESC, id DESC, erasure_request_updated_id_idx",
            "status, id, erasure_request_status_id_idx"})
    void everyListOrderIsReadFromAnIndex(String sortKey, String id, String index) {
        assertThat(plan("SELECT * FROM erasure_request ORDER BY " + sortKey + ", " + id + " FETCH FIRST 51 ROWS ONLY"))
                .contains(index).doesNotContain("Seq Scan").doesNotContainPattern("(?m)^\\s*(->\\s+)?Sort\\s+\\(cost");
    }

    @Test
    void theAuditTrailOfARequestIsReadByIndex() {
        assertThat(plan("SELECT * FROM audit_event WHERE request_id = '0190b5a0-0000-7000-8000-000000000001' ORDER BY seq"))
                .doesNotContain("Seq Scan");
    }
}
