package com.acme.privacy.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.SettableClock;
import com.acme.privacy.testsupport.TestClients;

/** An export whose database session dies midway must not end like a complete file. */
@ApiTest
@Import(SettableClock.Time.class)
class ExportCutShortTest {

    // More than the socket and client buffers hold, so that the export cannot finish before its session ends.
    private static final int ROWS = 20_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProtectedIdentifiers identifiers;

    @Test
    void anExportCutShortEndsTheConnectionInsteadOfTheFile() throws Exception {
        // Sealed to another request: exports show the masked form stored at intake and never decrypt.
        Sealed sealed = identifiers.protect(new EmailAddress("cut.short@example.com"), UUID.randomUUID()).sealed();
        byte[] ciphertext = sealed.ciphertext();
        String keyId = sealed.keyId();
        // In 1990, apart from every other test's requests, each with a trail that verifies.
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, email_masked, sealed_to_request,
                                             source, regulation, received_at, due_at, status, created_at, updated_at)
                SELECT gen_random_uuid(), ?, ?, sha256(('cut-short-' || i)::bytea), 'c***@example.com', true, 'cut-short', 'GDPR', t,
                       t + interval '1 month', 'CANCELLED', t, t
                FROM generate_series(1, ?) i, LATERAL (SELECT timestamptz '1990-01-01' + i * interval '1 minute' AS t) at
                """).params(ciphertext, keyId, ROWS).update();
        // A few thousand per statement: the chain trigger takes a lock per request.
        while (jdbc.sql("""
                INSERT INTO audit_event (request_id, actor, kind, to_status, reason)
                SELECT id, 'client:cut-short', 'RECEIVED', 'CANCELLED', 'Test data' FROM erasure_request r
                WHERE source = 'cut-short' AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.request_id = r.id) LIMIT 2000
                """).update() > 0) {
            // until every request has its event
        }

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/exports/requests?from=1990-01-01&to=1991-01-01"))
                .header("X-API-Key", TestClients.key("compliance")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(1024)).hasSize(1024);
            // The client reads no further, so the service waits to write, its cursor open; end its database session.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE query LIKE '%FROM erasure_request r%' AND pid <> pg_backend_pid()
                    """).query(Integer.class).single() > 0);

            assertThatThrownBy(() -> drain(body)).isInstanceOf(IOException.class);
        }
    }

    private static void drain(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (body.read(buffer) >= 0) {
            // read to the end, which must not come as a clean end of file
        }
    }
}
