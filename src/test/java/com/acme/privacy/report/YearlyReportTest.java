package com.acme.privacy.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.erasure.ResponseChannel;
import com.acme.privacy.erasure.ResponseGiven;
import com.acme.privacy.erasure.SubjectResponseKind;
import com.acme.privacy.erasure.SubjectResponses;
import com.acme.privacy.testsupport.FreshDatabase;
import com.acme.privacy.testsupport.ResponseRecording;

/**
 * The §7102 figures against a hand count of a small year (2025), and over a year of 100,000 requests (2026) in well
 * under a second. Both years live in one table: each is counted by its own requests' receipt.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import({YearlyReports.class, ResponseRecording.class})
class YearlyReportTest {

    private static final int BULK = 100_000;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    YearlyReports reports;

    @Autowired
    SubjectResponses responses;

    @BeforeAll
    void fill() {
        handCountedYear();
        aYearOfRequests();
        jdbc.sql("ANALYZE erasure_request").update();
    }

    /**
     * 2025, with one request just before and one just after it, answered as the service records answers. In days after
     * receipt: CCPA 10 (whole), 20 (part), 5 (denied), one unanswered; GDPR 30.5 (whole), 1 (whole, then confirmed again
     * 3 days later: the first counts), one with only an extension notice, one cancelled without a denial.
     */
    private void handCountedYear() {
        told(request("CCPA", "2025-01-10T00:00:00Z", "COMPLETED"), "CONFIRMED_ERASURE", Duration.ofDays(10));
        told(request("CCPA", "2025-03-01T00:00:00Z", "SUBMITTED"), "PARTIAL", Duration.ofDays(20));
        told(request("CCPA", "2025-06-01T00:00:00Z", "CANCELLED"), "DENIAL", Duration.ofDays(5));
        request("CCPA", "2025-12-31T23:59:59Z", "PENDING");
        told(request("GDPR", "2025-02-01T00:00:00Z", "COMPLETED"), "CONFIRMED_ERASURE", Duration.ofDays(30).plusHours(12));
        UUID twice = request("GDPR", "2025-07-01T00:00:00Z", "COMPLETED");
        told(twice, "CONFIRMED_ERASURE", Duration.ofDays(1));
        told(twice, "CONFIRMED_ERASURE", Duration.ofDays(3));
        UUID extended = request("GDPR", "2025-08-01T00:00:00Z", "PENDING");
        jdbc.sql("UPDATE erasure_request SET original_due_at = due_at, due_at = due_at + interval '2 months' WHERE id = ?")
                .param(extended).update();
        told(extended, "EXTENSION_NOTICE", Duration.ofDays(20));
        request("GDPR", "2025-09-01T00:00:00Z", "CANCELLED");
        told(request("OTHER", "2024-12-31T23:59:59.999999Z", "COMPLETED"), "CONFIRMED_ERASURE", Duration.ofDays(2));
        told(request("CCPA", "2026-01-01T00:00:00Z", "CANCELLED"), "DENIAL", Duration.ofDays(2));
    }

    private UUID request(String regulation, String receivedAt, String status) {
        UUID id = UUID.randomUUID();
        Instant received = Instant.parse(receivedAt);
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at,
                    status, created_at, updated_at)
                VALUES (?, '\\x01', 'k1', ?, 'crm', ?, ?, ?, ?, ?, ?)""")
                .params(id, id.toString().getBytes(), regulation, Timestamp.from(received), Timestamp.from(received.plus(Duration.ofDays(30))),
                        status, Timestamp.from(received), Timestamp.from(received))
                .update();
        return id;
    }

    private void told(UUID id, String kind, Duration after) {
        SubjectResponseKind response = SubjectResponseKind.valueOf(kind);
        Instant receivedAt = jdbc.sql("SELECT received_at FROM erasure_request WHERE id = ?").param(id).query(Timestamp.class).single()
                .toInstant();
        responses.record(id, null, "user:officer", new ResponseGiven(response, response.needsBasis() ? "Kept for tax law" : null,
                receivedAt.plus(after), ResponseChannel.EMAIL));
    }

    /**
     * A request every five minutes of 2026, a third per regulation; 95 % answered within 40 days, a tenth of those
     * denied and a tenth in part. Written with their answers stamped, as the service stamps them.
     */
    private void aYearOfRequests() {
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at,
                    status, answered_at, answer_kind, created_at, updated_at)
                SELECT gen_random_uuid(), '\\x01', 'k1', sha256(('bulk-' || i)::bytea), 'portal-' || (i % 20),
                       (ARRAY['GDPR', 'CCPA', 'OTHER'])[i % 3 + 1], t, t + interval '30 days', 'COMPLETED',
                       CASE WHEN i % 20 <> 7 THEN t + (i % 40) * interval '1 day' END,
                       CASE WHEN i % 20 = 7 THEN NULL WHEN i % 10 = 0 THEN 'DENIAL' WHEN i % 10 = 1 THEN 'PARTIAL'
                            ELSE 'CONFIRMED_ERASURE' END,
                       t, t
                FROM generate_series(1, :rows) AS i, LATERAL (SELECT timestamptz '2026-01-01' + i * interval '5 minutes' AS t) at
                """).param("rows", BULK).update();
    }

    @Test
    void theFiguresOfAYearAreAHandCountOfItsRecords() {
        YearlyFigures year = reports.of(2025);

        assertThat(year.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(year.to()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        // Received 8; whole 3, part 1, denied 1, without an answer 3; days 1, 5, 10, 20, 30.5: median 10, mean 66.5 / 5.
        assertThat(year.all()).isEqualTo(new YearlyFigures.Figures(8, 3, 1, 4, 1, 3, new BigDecimal("10.0"), new BigDecimal("13.3")));
        assertThat(year.byRegulation()).containsOnlyKeys("CCPA", "GDPR", "OTHER");
        assertThat(year.byRegulation().get("OTHER")).isEqualTo(new YearlyFigures.Figures(0, 0, 0, 0, 0, 0, null, null));
        // CCPA: days 5, 10, 20: median 10, mean 11.67.
        assertThat(year.byRegulation().get("CCPA"))
                .isEqualTo(new YearlyFigures.Figures(4, 1, 1, 2, 1, 1, new BigDecimal("10.0"), new BigDecimal("11.7")));
        // GDPR: days 1 and 30.5: median and mean 15.75.
        assertThat(year.byRegulation().get("GDPR"))
                .isEqualTo(new YearlyFigures.Figures(4, 2, 0, 2, 0, 2, new BigDecimal("15.8"), new BigDecimal("15.8")));
    }

    @Test
    void aYearWithoutRequestsHasZerosAndNoDays() {
        YearlyFigures year = reports.of(2019);

        assertThat(year.all()).isEqualTo(new YearlyFigures.Figures(0, 0, 0, 0, 0, 0, null, null));
        assertThat(year.byRegulation()).containsOnlyKeys("CCPA", "GDPR", "OTHER")
                .allSatisfy((regulation, figures) -> assertThat(figures).isEqualTo(year.all()));
    }

    /** A regression check with room to spare, not a benchmark: the statement takes a fraction of this here. */
    @Test
    void aYearOfOneHundredThousandRequestsIsCountedInUnderASecond() {
        reports.of(2026);

        long started = System.nanoTime();
        YearlyFigures year = reports.of(2026);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(year.all().received()).isEqualTo(BULK + 1);
        assertThat(year.all().withoutAnswer()).isEqualTo(BULK / 20);
        assertThat(year.all().denied()).isEqualTo(year.all().compliedInPart() + 1);
        assertThat(year.byRegulation()).containsOnlyKeys("CCPA", "GDPR", "OTHER");
    }
}
