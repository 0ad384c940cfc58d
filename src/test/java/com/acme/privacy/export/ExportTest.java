package com.acme.privacy.export;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.DispatcherMoves;
import com.acme.privacy.testsupport.Problems;
import com.acme.privacy.testsupport.SettableClock;
import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

@ApiTest
@Import(SettableClock.Time.class)
class ExportTest {

    @LocalServerPort
    int port;

    @Autowired
    SettableClock clock;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Api viewer;
    DispatcherMoves moves;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        viewer = api.as("compliance");
        moves = new DispatcherMoves(jdbc);
    }

    @Test
    void theRequestsExportHasAMaskedRowPerRequestWithTheRecordsCcpaAsksFor() {
        Instant from = clock.instant();
        String email = unique();
        String pending = api.create("""
                {"email": "%s", "phoneNumber": "+4915112345678", "regulation": "GDPR", "externalReference": "=HYPERLINK(\\"x\\")"}
                """.formatted(email));
        String cancelled = api.create("{\"email\": \"" + unique() + "\", \"regulation\": \"CCPA\"}");
        api.client().post().uri(Api.REQUESTS + "/{id}/cancel", cancelled).contentType(MediaType.APPLICATION_JSON)
                .body("{\"reason\": \"Identity could not be verified\"}").exchange().expectStatus().isOk();
        String details = body(viewer.get(pending));

        RestTestClient.ResponseSpec response = export("requests", from, clock.instant().plusSeconds(1));
        response.expectHeader().contentType("text/csv;charset=UTF-8").expectHeader().valueMatches("Content-Disposition",
                "attachment; filename=\"requests_.+\\.csv\"").expectHeader().valueEquals("Cache-Control", "no-store");
        String csv = body(response);

        assertThat(csv.lines().findFirst()).contains(String.join(",", RequestExport.COLUMNS));
        assertThat(csv).doesNotContain(email, "4915112345678");
        Map<String, Map<String, String>> rows = rowsById(csv);
        assertThat(rows.get(pending)).containsEntry("request_date", JsonPath.read(details, "$.receivedAt"))
                .containsEntry("request_nature", "ERASURE").containsEntry("regulation", "GDPR")
                .containsEntry("request_channel", "tester").containsEntry("email", JsonPath.read(details, "$.email"))
                .containsEntry("phone_number", "'+4915*******78").containsEntry("status", "PENDING")
                .containsEntry("external_reference", "'=HYPERLINK(\"x\")").containsEntry("response_date", "")
                .containsEntry("response_nature", "").containsEntry("denial_basis", "").containsEntry("audit_events", "1")
                .containsEntry("audit_head_hash", JsonPath.read(details, "$.auditTrail.events[-1].hash"));
        assertThat(rows.get(cancelled)).containsEntry("status", "CANCELLED").containsEntry("status_reason", "Identity could not be verified")
                .as("nothing told to the subject yet").containsEntry("response_nature", "").containsEntry("denial_basis", "")
                .containsEntry("gong_result", "").containsEntry("audit_events", "2");
        assertThat(rows.get(cancelled).get("status_since")).isNotEmpty();
    }

    @Test
    void theResponseColumnsSayWhatTheSubjectWasToldAndGongsResultHasColumnsOfItsOwn() {
        Instant from = clock.instant();
        String confirmed = api.create("{\"email\": \"" + unique() + "\", \"regulation\": \"CCPA\"}");
        moves.move(UUID.fromString(confirmed), "PENDING", "DISPATCHING", "SUBMITTED");
        respond(confirmed, "{\"kind\": \"CONFIRMED_ERASURE\", \"respondedAt\": \"" + clock.instant() + "\", \"channel\": \"email\"}");
        String denied = api.create("{\"email\": \"" + unique() + "\", \"regulation\": \"CCPA\"}");
        api.cancel(denied).expectStatus().isOk();
        respond(denied, "{\"kind\": \"DENIAL\", \"basis\": \"Identity could not be verified, ticket PRIV-204\", \"respondedAt\": \""
                + clock.instant() + "\", \"channel\": \"letter\"}");
        String extended = api.create("{\"email\": \"" + unique() + "\", \"regulation\": \"GDPR\"}");
        api.act(extended, "extend", "{\"reason\": \"Records in three systems\"}").expectStatus().isOk();
        respond(extended, "{\"kind\": \"EXTENSION_NOTICE\", \"respondedAt\": \"" + clock.instant() + "\", \"channel\": \"portal\"}");
        String submitted = body(viewer.get(confirmed));
        String extendedDetails = body(viewer.get(extended));

        Map<String, Map<String, String>> rows = rowsById(body(export("requests", from, clock.instant().plusSeconds(1))));

        assertThat(rows.get(confirmed)).containsEntry("status", "SUBMITTED").containsEntry("gong_result", "ERASURE_SUBMITTED")
                .containsEntry("gong_result_date", JsonPath.read(submitted, "$.submittedAt"))
                .containsEntry("response_date", JsonPath.read(submitted, "$.subjectResponses[0].respondedAt"))
                .containsEntry("response_nature", "CONFIRMED_ERASURE").containsEntry("response_channel", "email")
                .containsEntry("denial_basis", "").containsEntry("original_due_at", "").containsEntry("extension_notice_at", "");
        assertThat(rows.get(denied)).containsEntry("status", "CANCELLED").containsEntry("gong_result", "")
                .containsEntry("response_nature", "DENIAL").containsEntry("response_channel", "letter")
                .containsEntry("denial_basis", "Identity could not be verified, ticket PRIV-204");
        assertThat(rows.get(extended)).containsEntry("due_at", JsonPath.read(extendedDetails, "$.dueAt"))
                .containsEntry("original_due_at", JsonPath.read(extendedDetails, "$.originalDueAt"))
                .containsEntry("extension_notice_at", JsonPath.read(extendedDetails, "$.subjectResponses[0].respondedAt"))
                .containsEntry("response_date", "").containsEntry("response_nature", "");
    }

    private void respond(String id, String json) {
        api.act(id, "responses", json).expectStatus().isCreated();
    }

    @Test
    void everyExportedAuditEventCarriesWhatItsHashCovers() throws Exception {
        // Events are stamped with the database's clock, not the service's.
        Instant from = Instant.now();
        String id = api.create("{\"email\": \"" + unique() + "\", \"regulation\": \"GDPR\"}");
        api.cancel(id).expectStatus().isOk();

        List<Map<String, String>> events = rows(body(export("audit-events", from, Instant.now().plusSeconds(1))))
                .stream().filter(row -> row.get("request_id").equals(id)).toList();

        assertThat(events).extracting(row -> row.get("seq")).containsExactly("1", "2");
        assertThat(events.get(1).get("prev_hash")).isEqualTo(events.get(0).get("hash"));
        for (Map<String, String> event : events) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(event.get("prev_hash")));
            sha256.update(event.get("hashed_text").getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(event.get("hash"));
        }
    }

    @Test
    void rangesAreCheckedAndExportsAreForViewers() {
        String missing = body(viewer.client().get().uri("/api/v1/exports/requests").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((List<String>) JsonPath.read(missing, "$.errors[*].field")).containsExactly("from", "to");
        String backwards = body(viewer.client().get().uri("/api/v1/exports/audit-events?from=2026-02-01&to=2026-01-01").exchange()
                .expectStatus().isBadRequest());
        assertThat((List<String>) JsonPath.read(backwards, "$.errors[*].field")).containsExactly("to");
        String malformed = body(viewer.client().get().uri("/api/v1/exports/requests?from=jane@example.com&to=2026-01-01")
                .exchange().expectStatus().isBadRequest());
        assertThat(malformed).doesNotContain("jane");
        Problems.assertNoInternals(malformed);

        assertThat(body(viewer.client().get().uri("/api/v1/exports/requests?from=2001-01-01&to=2001-01-02").exchange()
                .expectStatus().isOk())).isEqualTo(String.join(",", RequestExport.COLUMNS) + "\n");
        api.as("crm").client().get().uri("/api/v1/exports/requests?from=2001-01-01&to=2001-01-02").exchange().expectStatus().isForbidden();
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get()
                .uri("/api/v1/exports/audit-events?from=2001-01-01&to=2001-01-02").exchange().expectStatus().isUnauthorized();
    }

    private RestTestClient.ResponseSpec export(String what, Instant from, Instant to) {
        return viewer.client().get().uri("/api/v1/exports/" + what + "?from={from}&to={to}", from.minus(Duration.ofMillis(1)), to)
                .exchange().expectStatus().isOk();
    }

    static List<Map<String, String>> rows(String csv) {
        MappingIterator<Map<String, String>> rows = CsvMapper.builder().build().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv);
        return rows.readAll();
    }

    private static Map<String, Map<String, String>> rowsById(String csv) {
        return rows(csv).stream().collect(Collectors.toMap(row -> row.get("request_id"), row -> row));
    }

    private static String unique() {
        return "export-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
