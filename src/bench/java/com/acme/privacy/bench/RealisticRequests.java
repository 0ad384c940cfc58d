package com.acme.privacy.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests in the shape of a table that has run for a couple of years, written at the SQL level: mostly answered
 * (SUBMITTED), the open ones the newest, one in 997 FAILED throughout, twenty portals ({@code portal-0} to
 * {@code portal-19}), GDPR and CCPA alternating. Rows look like the service's own (sealed, masked), so that reading
 * them costs what reading real rows costs; their ciphertexts are placeholders and are never opened.
 */
final class RealisticRequests {

    private RealisticRequests() {
    }

    /** Rows {@code from..to}; i counts minutes back from now, so the highest numbers are the oldest. */
    static void fill(JdbcClient jdbc, int from, int to) {
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, email_masked, sealed_to_request,
                    source, regulation, received_at, due_at, status, next_attempt_at, created_at, updated_at)
                SELECT gen_random_uuid(), '\\x00', 'k', sha256(i::text::bytea), 's***@example.com', true,
                       'portal-' || (i % 20), CASE WHEN i % 2 = 0 THEN 'GDPR' ELSE 'CCPA' END,
                       now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval + interval '30 days',
                       CASE WHEN i <= 300 THEN 'PENDING' WHEN i <= 320 THEN 'DISPATCHING' WHEN i % 997 = 0 THEN 'FAILED'
                            ELSE 'SUBMITTED' END,
                       now() - interval '1 minute', now() - (i || ' minutes')::interval,
                       -- Answered about an hour after they came in; open ones were last touched on arrival.
                       now() - (i || ' minutes')::interval + CASE WHEN i <= 320 THEN interval '0' ELSE interval '1 hour' END
                FROM generate_series(:from, :to) AS i
                """).param("from", from).param("to", to).update();
        jdbc.sql("VACUUM ANALYZE erasure_request").update();
    }
}
