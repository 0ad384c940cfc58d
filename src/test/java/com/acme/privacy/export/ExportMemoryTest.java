package com.acme.privacy.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.acme.privacy.PrivacyRequestApplication;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PiiProperties;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.testsupport.ServiceInstance;
import com.acme.privacy.testsupport.TestClients;
import com.acme.privacy.testsupport.TestDatabases;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A year of requests (100,000, one every five minutes) exported by the service running in a JVM of its own with a
 * heap far too small to hold them: the driver's rows alone, fetched at once, would need more. The service exits on an
 * OutOfMemoryError, so an export that buffers fails this test.
 */
class ExportMemoryTest {

    private static final int ROWS = 100_000;
    private static final int EVENTS_PER_STATEMENT = 2_000;
    private static final String HEAP = "-Xmx96m";
    private static final String EMAIL = "jane.doe@example.com";

    private final String encryptionKey = ServiceInstance.Deployment.randomKey();
    private final String hashKey = ServiceInstance.Deployment.randomKey();
    private TestDatabases.TestDatabase database;
    private Process service;
    private Path log;
    private int port;
    private int managementPort;

    /** Started, not awaited: the rows go in while it boots (the database's schema is there already). */
    @BeforeEach
    void startService() throws IOException {
        database = TestDatabases.fresh();
        port = freePort();
        managementPort = freePort();
        log = Files.createDirectories(Path.of("target")).resolve("export-memory-service.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                PrivacyRequestApplication.class.getName(), "--spring.profiles.active=test",
                "--spring.datasource.url=" + database.url(), "--server.port=" + port, "--management.server.port=" + managementPort,
                "--privacy.pii.encryption-keys.test=" + encryptionKey, "--privacy.pii.active-key-id=test",
                "--privacy.pii.hash-key=" + hashKey));
        if (database.username() != null) {
            command.add("--spring.datasource.username=" + database.username());
            command.add("--spring.datasource.password=" + database.password());
        }
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReadiness() {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    assertThat(service.isAlive()).as("service running; see %s", log).isTrue();
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                            + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    @AfterEach
    void stopService() throws InterruptedException {
        service.destroy();
        service.waitFor();
    }

    @Test
    void aYearOfRowsIsExportedUnderASmallHeap() throws Exception {
        insertAYearOfRequests();
        awaitReadiness();

        List<Map<String, String>> sample = new ArrayList<>();
        long requests = export("/api/v1/exports/requests?from=2025-01-01&to=2026-01-01", sample);
        // Events are stamped with the database's clock as they are inserted; an export covers a year at most.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long events = export("/api/v1/exports/audit-events?from=" + today.minusDays(1) + "&to=" + today.plusDays(2), new ArrayList<>());

        assertThat(service.isAlive()).as("the service did not run out of memory").isTrue();
        assertThat(requests).isEqualTo(ROWS);
        assertThat(events).isEqualTo(ROWS);
        assertThat(sample).allSatisfy(row -> assertThat(row).containsEntry("email", "j***@example.com"));
    }

    /** Reads the export as it streams and counts its rows, keeping the first few. */
    private long export(String path, List<Map<String, String>> sample) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("X-API-Key", TestClients.key("compliance")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long rows = 0;
        try (InputStream body = response.body(); MappingIterator<Map<String, String>> csv = CsvMapper.builder().build()
                .readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            while (csv.hasNextValue()) {
                Map<String, String> row = csv.nextValue();
                if (rows++ < 10) {
                    sample.add(row);
                }
            }
        }
        return rows;
    }

    /** As intake stores them: sealed under the service's key, with the masked form that exports show. */
    private void insertAYearOfRequests() throws SQLException {
        ProtectedIdentifiers identifiers = new ProtectedIdentifiers(
                new PiiProperties(Map.of("test", encryptionKey), "test", hashKey, "h1", null, false));
        byte[] ciphertext = identifiers.protect(new EmailAddress(EMAIL), UUID.randomUUID()).sealed().ciphertext();
        try (Connection connection = database.username() == null ? DriverManager.getConnection(database.url())
                : DriverManager.getConnection(database.url(), database.username(), database.password());
             PreparedStatement requests = connection.prepareStatement("""
                     INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, email_masked, sealed_to_request,
                                                  source, external_reference,
                                                  regulation, received_at, due_at, status, first_dispatched_at, submitted_at,
                                                  gong_email_request_id, created_at, updated_at)
                     SELECT gen_random_uuid(), ?, 'test', sha256(i::text::bytea), 'j***@example.com', true, 'crm', 'TICKET-' || i, 'GDPR', t,
                            t + interval '1 month', 'SUBMITTED', t, t + interval '1 hour', 'gong-' || i, t, t + interval '1 hour'
                     FROM generate_series(1, ?) i, LATERAL (SELECT timestamptz '2025-01-01' + i * interval '5 minutes' AS t) at
                     """);
             // The chain trigger takes a lock per request: a few thousand per transaction fit PostgreSQL's lock table.
             // So the events go in slices of the year, each slice's requests found by their receipt.
             PreparedStatement events = connection.prepareStatement("""
                     INSERT INTO audit_event (request_id, actor, kind, to_status, reason, details)
                     SELECT id, 'client:crm', 'RECEIVED', 'SUBMITTED', 'Submitted by crm', '{"source": "crm"}'
                     FROM erasure_request r
                     WHERE r.received_at > timestamptz '2025-01-01' + ? * interval '5 minutes'
                       AND r.received_at <= timestamptz '2025-01-01' + ? * interval '5 minutes'
                     """)) {
            requests.setBytes(1, ciphertext);
            requests.setInt(2, ROWS);
            assertThat(requests.executeUpdate()).isEqualTo(ROWS);
            int inserted = 0;
            for (int from = 0; from < ROWS; from += EVENTS_PER_STATEMENT) {
                events.setInt(1, from);
                events.setInt(2, from + EVENTS_PER_STATEMENT);
                inserted += events.executeUpdate();
            }
            assertThat(inserted).isEqualTo(ROWS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
