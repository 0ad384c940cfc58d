package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongConditions;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.GongSandbox.Reply;
import com.acme.privacy.testsupport.TestClients;
import com.jayway.jsonpath.JsonPath;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * A day after SUBMITTED, Gong is asked what is left. The day passes by moving the request's check time, the
 * database clock the dispatcher schedules by, instead of waiting.
 */
@DispatcherTest
class CompletionCheckTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
    }

    private static String unique() {
        return "check-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private String submitted(String email, String phone) {
        String id = api.create("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\""
                + (phone == null ? "" : ",\"phoneNumber\":\"" + phone + "\"") + "}");
        api.awaitStatus(id, "SUBMITTED");
        return id;
    }

    /** The check delay (24 h) has passed. */
    private void dayPasses(String id) {
        jdbc.sql("UPDATE erasure_request SET check_due_at = now() WHERE id = CAST(? AS uuid) AND check_due_at IS NOT NULL").param(id).update();
    }

    private Map<String, Object> row(String id) {
        return jdbc.sql("SELECT status, checks_with_data, check_due_at, submitted_at, completed_at FROM erasure_request WHERE id = CAST(? AS uuid)")
                .param(id).query().singleRow();
    }

    private List<ReceivedCall> callsFor(String identifier, String endpoint) {
        return sandbox.calls().stream().filter(call -> identifier.equals(call.identifier()) && call.path().endsWith(endpoint)).toList();
    }

    private String awaitChecks(String id, int checks) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> body(api.get(id)), details -> ((List<?>) JsonPath.read(details,
                        "$.auditTrail.events[?(@.kind == 'COMPLETION_CHECK')]")).size() >= checks);
    }

    @Test
    void nothingLeftAtGongCompletesTheRequestWithTheChecksReceipts() {
        String email = unique();
        String phone = "+49151" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String id = submitted(email, phone);
        Map<String, Object> submittedRow = row(id);
        assertThat(((Timestamp) submittedRow.get("check_due_at")).toInstant())
                .isEqualTo(((Timestamp) submittedRow.get("submitted_at")).toInstant().plus(Duration.ofHours(24)));

        dayPasses(id);
        String details = api.awaitStatus(id, "COMPLETED");

        assertThat(callsFor(email, "/data-for-email-address")).singleElement().satisfies(call -> assertThat(call.method()).isEqualTo("GET"));
        assertThat(callsFor(phone, "/data-for-phone-number")).hasSize(1);
        assertThat((Boolean) JsonPath.read(details, "$.completion.lastCheck.dataLeft")).isFalse();
        assertThat((String) JsonPath.read(details, "$.completion.lastCheck.email.gongRequestId"))
                .isEqualTo(callsFor(email, "/data-for-email-address").get(0).requestId());
        assertThat((Integer) JsonPath.read(details, "$.completion.lastCheck.phoneNumber.calls")).isZero();
        assertThat((String) JsonPath.read(details, "$.completion.completedAt")).isNotNull();
        List<Map<String, Object>> checks = JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'COMPLETION_CHECK')].details");
        assertThat(checks).hasSize(2).allSatisfy(check -> assertThat(check).containsEntry("check", 1)
                .containsEntry("found", Map.of("emails", 0, "calls", 0, "meetings", 0, "customerData", 0, "customerEngagement", 0)));
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
        assertThat(details).doesNotContain(email, phone);
    }

    @Test
    void dataLeftIsErasedOnceMoreAndASecondFindingNeedsAttentionUntilAnAdminRetries() {
        String email = unique();
        sandbox.retainDataFor(email);
        String id = submitted(email, null);

        dayPasses(id);
        String afterFirst = awaitChecks(id, 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) row(id).get("checks_with_data") == 1);
        assertThat(callsFor(email, "/erase-data-for-email-address")).as("erased, then erased again").hasSize(2);
        assertThat(row(id).get("status")).isEqualTo("SUBMITTED");
        assertThat(((Timestamp) row(id).get("check_due_at")).toInstant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat((List<Object>) JsonPath.read(body(api.get(id)), "$.auditTrail.events[?(@.details.resentAfterCheck == 1)]")).hasSize(1);
        assertThat(afterFirst).doesNotContain(email);

        double escalated = metric("privacy_completion_checks_total{result=\"needs_attention\"}");
        dayPasses(id);
        String details = api.awaitStatus(id, "NEEDS_ATTENTION");
        assertThat(callsFor(email, "/erase-data-for-email-address")).as("not sent a third time by the check").hasSize(2);
        assertThat((Boolean) JsonPath.read(details, "$.completion.lastCheck.dataLeft")).isTrue();
        assertThat((Integer) JsonPath.read(details, "$.completion.lastCheck.email.emails")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(details, "$.completion.lastCheck.check")).isEqualTo(2);
        Awaitility.await("the needs-attention gauge and counter").atMost(Duration.ofSeconds(5))
                .until(() -> metric("privacy_requests_backlog{status=\"NEEDS_ATTENTION\"}") >= 1
                        && metric("privacy_completion_checks_total{result=\"needs_attention\"}") == escalated + 1);

        sandbox.releaseDataFor(email);
        api.retry(id).expectStatus().isOk();
        api.awaitStatus(id, "SUBMITTED");
        assertThat(callsFor(email, "/erase-data-for-email-address")).as("the retry erases again").hasSize(3);
        dayPasses(id);
        api.awaitStatus(id, "COMPLETED");
    }

    @Test
    void aCheckGongRefusesWaitsWithoutPausingErasures() {
        String email = unique();
        String id = submitted(email, null);
        sandbox.enqueueChecks(Reply.status(403));

        dayPasses(id);
        String details = awaitChecks(id, 1);
        assertThat((List<Integer>) JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'COMPLETION_CHECK')].details.httpStatus"))
                .containsExactly(403);
        assertThat(row(id).get("status")).isEqualTo("SUBMITTED");
        assertThat(((Timestamp) row(id).get("check_due_at")).toInstant()).isAfter(Instant.now());

        submitted(unique(), null);
        api.awaitStatus(id, "COMPLETED");
    }

    @Test
    void anAnswerWithListsLeftOutReadsThemAsEmpty() {
        String id = submitted(unique(), null);
        sandbox.enqueueChecks(Reply.dataFor(Map.of("calls", List.of(Map.of("id", "c-9")))), Reply.dataFor(Map.of()));

        dayPasses(id);
        awaitChecks(id, 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) row(id).get("checks_with_data") == 1);
        dayPasses(id);
        String details = api.awaitStatus(id, "COMPLETED");

        List<Map<String, Object>> found = JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'COMPLETION_CHECK')].details.found");
        assertThat(found).containsExactly(Map.of("emails", 0, "calls", 1, "meetings", 0, "customerData", 0, "customerEngagement", 0),
                Map.of("emails", 0, "calls", 0, "meetings", 0, "customerData", 0, "customerEngagement", 0));
    }

    @Test
    void anUnreadableAnswerIsAuditedAsAFailedCheck() {
        String id = submitted(unique(), null);
        sandbox.enqueueChecks(Reply.dataFor(Map.of("emails", "none")));

        dayPasses(id);
        String details = awaitChecks(id, 1);
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'COMPLETION_CHECK')].reason"))
                .containsExactly("data-for-email-address failed: Gong's answer could not be read");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> failuresOf(id) == 1);
        assertThat(row(id).get("status")).isEqualTo("SUBMITTED");
        assertThat(((Timestamp) row(id).get("check_due_at")).toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
    }

    @Test
    void aCheckThatKeepsFailingNeedsAttentionAfterTheLastTryAllowed() {
        String email = unique();
        String id = submitted(email, null);
        for (int check = 1; check <= 6; check++) {
            sandbox.enqueueChecks(Reply.status(check % 2 == 0 ? 404 : 400));
            dayPasses(id);
            awaitChecks(id, check);
        }
        String details = api.awaitStatus(id, "NEEDS_ATTENTION");

        assertThat((String) JsonPath.read(details, "$.auditTrail.events[-1].reason"))
                .isEqualTo("6 completion checks in a row could not be made; the last: Gong answered 404");
        assertThat(row(id).get("check_due_at")).isNull();
        assertThat(callsFor(email, "/erase-data-for-email-address")).as("a failing check sends nothing again").hasSize(1);
    }

    private int failuresOf(String id) {
        return jdbc.sql("SELECT check_failures FROM erasure_request WHERE id = CAST(? AS uuid)").param(id).query(Integer.class).single();
    }

    /** The value of one series in the scrape; 0 when it is not there yet. */
    private double metric(String series) {
        return metrics().lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(0.0);
    }

    private String metrics() {
        return body(TestClients.management(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk());
    }
}
