package com.acme.privacy.suppression;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Problems.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.lifecycle.RequestRetention;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.retention.RetentionProperties;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The check over real HTTP, as the mail team ({@code mail-team}, SUPPRESSION_CHECK) asks it. RetentionTest's context:
 * the retention job is off, so that only the test anonymises, by moving a request's last status change back.
 */
@ApiTest
@TestPropertySource(properties = "privacy.retention.enabled=false")
class SuppressionListTest {

    private static final String CHECK = "/api/v1/suppression/check";

    @LocalServerPort
    int port;

    @Autowired
    RequestRetention retention;

    @Autowired
    RetentionProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ProtectedIdentifiers identifiers;

    @Autowired
    MeterRegistry meters;

    Api api;
    RestTestClient mailTeam;
    String email;
    String phone;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        mailTeam = api.as("mail-team").client();
        email = "suppressed-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        phone = "+4917" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
    }

    @Test
    void aSubjectWhoAskedIsSuppressedWithTheDaysButNoIdentifierNorPortal() {
        Instant firstAsked = Instant.now().minus(80, ChronoUnit.DAYS);
        Instant lastAsked = Instant.now().minus(10, ChronoUnit.DAYS);
        String first = api.as("crm").create(submission(email, phone, firstAsked));
        String second = api.as("helpdesk").create(submission(email, null, lastAsked));
        double before = checks("suppressed");

        String answer = check("{\"email\":\"" + email.toUpperCase() + "\"}");

        assertThat(answer).isEqualTo("{\"suppressed\":true,\"firstRequestedOn\":\"" + day(firstAsked)
                + "\",\"lastRequestedOn\":\"" + day(lastAsked) + "\",\"erasedOn\":null}");
        assertThat(checks("suppressed")).isEqualTo(before + 1);
        String byPhone = check("{\"phoneNumber\":\"" + phone + "\"}");
        assertThat((Boolean) JsonPath.read(byPhone, "$.suppressed")).isTrue();
        assertThat((String) JsonPath.read(byPhone, "$.lastRequestedOn")).isEqualTo(day(firstAsked));
        assertThat(answer + byPhone).doesNotContain(email, phone.substring(1), "crm", "helpdesk", first, second);
    }

    @Test
    void aWithdrawnRequestSuppressesNothingAndAnAnsweredOneSaysWhenItWasErased() {
        api.cancel(api.create(submission(email, null, null))).expectStatus().isOk();
        assertThat(check("{\"email\":\"" + email + "\"}"))
                .isEqualTo("{\"suppressed\":false,\"firstRequestedOn\":null,\"lastRequestedOn\":null,\"erasedOn\":null}");
        assertThat(check("{\"phoneNumber\":\"" + phone + "\"}")).contains("\"suppressed\":false");

        UUID answered = UUID.fromString(api.create(submission(email, null, null)));
        Instant erased = Instant.now().minus(2, ChronoUnit.DAYS);
        complete(answered, erased);
        assertThat((String) JsonPath.read(check("{\"email\":\"" + email + "\"}"), "$.erasedOn")).isEqualTo(day(erased));
    }

    @Test
    void afterAnonymisationTheSubjectStaysSuppressedByItsKeyedHashAlone() {
        Instant asked = Instant.now().minus(80, ChronoUnit.DAYS);
        Instant erased = Instant.now().minus(70, ChronoUnit.DAYS);
        UUID done = UUID.fromString(api.as("crm").create(submission(email, phone, asked)));
        complete(done, erased);
        String other = "withdrawn-" + email;
        UUID withdrawn = UUID.fromString(api.create(submission(other, null, null)));
        api.cancel(withdrawn.toString()).expectStatus().isOk();

        anonymise(done, withdrawn);

        assertThat(stored(done)).containsEntry("email_hash", null).containsEntry("phone_hash", null);
        assertThat(check("{\"email\":\"" + email + "\"}")).isEqualTo("{\"suppressed\":true,\"firstRequestedOn\":\""
                + day(asked) + "\",\"lastRequestedOn\":\"" + day(asked) + "\",\"erasedOn\":\"" + day(erased) + "\"}");
        assertThat((String) JsonPath.read(check("{\"phoneNumber\":\"" + phone + "\"}"), "$.erasedOn")).isEqualTo(day(erased));
        assertThat(check("{\"email\":\"" + other + "\"}")).as("withdrawn: kept nowhere").contains("\"suppressed\":false");

        List<Map<String, Object>> entries = entries();
        assertThat(entries).hasSize(2).allSatisfy(entry -> assertThat(entry).containsOnlyKeys("kind", "keyed_hash", "hash_key_id",
                "first_requested_on", "last_requested_on", "erased_on").containsEntry("hash_key_id", identifiers.activeHashKeyId()));
        assertThat(entries).extracting(entry -> entry.get("kind")).containsExactlyInAnyOrder("EMAIL", "PHONE");
        assertThat(jdbc.sql("SELECT count(*) FROM suppression_entry WHERE keyed_hash = ?")
                .param(identifiers.lookupHash(new EmailAddress(other))).query(Long.class).single()).isZero();
    }

    @Test
    void aSubjectWhoAsksAgainWidensItsEntryAndTheAnswerJoinsEntryAndOpenRequest() {
        Instant firstAsked = Instant.now().minus(85, ChronoUnit.DAYS);
        Instant againAsked = Instant.now().minus(40, ChronoUnit.DAYS);
        Instant erasedAgain = Instant.now().minus(30, ChronoUnit.DAYS);
        UUID first = UUID.fromString(api.create(submission(email, null, firstAsked)));
        complete(first, Instant.now().minus(80, ChronoUnit.DAYS));
        anonymise(first);
        UUID again = UUID.fromString(api.create(submission(email, null, againAsked)));
        complete(again, erasedAgain);
        anonymise(again);
        Instant nowAsked = Instant.now().minus(1, ChronoUnit.DAYS);
        api.create(submission(email, null, nowAsked));

        assertThat(entries()).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("first_requested_on", Date.valueOf(day(firstAsked)))
                .containsEntry("last_requested_on", Date.valueOf(day(againAsked)))
                .containsEntry("erased_on", Date.valueOf(day(erasedAgain))));
        assertThat(check("{\"email\":\"" + email + "\"}")).isEqualTo("{\"suppressed\":true,\"firstRequestedOn\":\""
                + day(firstAsked) + "\",\"lastRequestedOn\":\"" + day(nowAsked) + "\",\"erasedOn\":\"" + day(erasedAgain) + "\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"email\":\"a@example.com\",\"phoneNumber\":\"+4915112345678\"}", "{\"email\":42}",
            "{\"email\":\"\"}", "{\"email\":\"not-an-address\"}", "{\"emial\":\"kim.lee@example.org\"}",
            "{\"phoneNumber\":\"0151 1234 5678\"}", "{\"email\":\"kim@example.org\",\"email\":\"lee@example.org\"}",
            "{\"email\":\"ja\\ud800ne@example.com\"}", "{\"email\":\"ja\\u0000ne@example.com\"}",
            "{\"email\":\"ja\\ud83f\\udffene@example.com\"}", "[\"kim.lee@example.org\"]"})
    void badInputIsA400ProblemThatRepeatsNoValue(String json) {
        String problem = body(mailTeam.post().uri(CHECK).contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(problem, "$.title")).isIn("Invalid request", "Malformed request body");
        assertThat(problem).doesNotContain("kim", "lee", "example", "not-an-address", "0151");
        assertNoInternals(problem);
    }

    @Test
    void theIdentifierTravelsOnlyAsJson() {
        mailTeam.post().uri(CHECK).contentType(MediaType.TEXT_PLAIN).body(email).exchange()
                .expectStatus().isEqualTo(415).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        mailTeam.get().uri(CHECK + "?email=" + email).exchange().expectStatus().isForbidden();
    }

    private String check(String json) {
        return body(mailTeam.post().uri(CHECK).contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_JSON));
    }

    private double checks(String result) {
        Counter counter = meters.find("privacy.suppression.checks").tag("client", "mail-team").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String submission(String email, String phone, Instant receivedAt) {
        return "{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"" + (phone == null ? "" : ",\"phoneNumber\":\"" + phone + "\"")
                + (receivedAt == null ? "" : ",\"receivedAt\":\"" + receivedAt + "\"") + "}";
    }

    /** The subject's entries, by its email and phone hashes. */
    private List<Map<String, Object>> entries() {
        return jdbc.sql("SELECT * FROM suppression_entry WHERE keyed_hash IN (:hashes)")
                .param("hashes", List.of(identifiers.lookupHash(new EmailAddress(email)), identifiers.lookupHash(new PhoneNumber(phone))))
                .query().listOfRows();
    }

    private Map<String, Object> stored(UUID id) {
        return jdbc.sql("SELECT * FROM erasure_request WHERE id = ?").param(id).query().singleRow();
    }

    /** As the dispatcher and a completion check would: sent, accepted, confirmed at {@code completedAt}. */
    private void complete(UUID id, Instant completedAt) {
        transactions.executeWithoutResult(status -> {
            String from = "PENDING";
            for (String to : List.of("DISPATCHING", "SUBMITTED", "COMPLETED")) {
                jdbc.sql("UPDATE erasure_request SET status = ?, first_dispatched_at = coalesce(first_dispatched_at, now()), "
                                + "submitted_at = coalesce(submitted_at, now()) WHERE id = ?")
                        .params(to, id).update();
                auditTrail.record(new AuditEntry(id, "system:dispatcher@test", AuditEventKind.STATUS_CHANGED, from, to,
                        "Moved by the test", Map.of()));
                from = to;
            }
            jdbc.sql("UPDATE erasure_request SET completed_at = ? WHERE id = ?").params(completedAt.atOffset(ZoneOffset.UTC), id).update();
        });
    }

    /** The requests closed 26 months ago: purged, then anonymised. */
    private void anonymise(UUID... ids) {
        for (UUID id : ids) {
            jdbc.sql("UPDATE erasure_request SET status_changed_at = status_changed_at - interval '26 months' WHERE id = ?")
                    .param(id).update();
        }
        retention.purgeClosedFor(properties.purgeAfter());
        assertThat(retention.anonymiseClosedFor(properties.anonymiseAfter())).isGreaterThanOrEqualTo(ids.length);
    }
}
