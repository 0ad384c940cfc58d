package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongConditions;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.TestClients;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.acme.privacy.testsupport.GongSandbox.Reply;
import com.jayway.jsonpath.JsonPath;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/** Each row of the outcome table, against the sandbox and a real PostgreSQL. */
@DispatcherTest
@ExtendWith(OutputCaptureExtension.class)
class DispatchOutcomesTest {

    @LocalServerPort
    int port;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    GongPace pace;

    @LocalManagementPort
    int managementPort;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
        pace.resume(null, null, null, null);
    }

    @AfterEach
    void queueDrained() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM erasure_request WHERE status IN ('PENDING', 'DISPATCHING')").query(Integer.class).single() == 0);
    }

    private static String unique() {
        return "d-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private List<ReceivedCall> callsFor(String identifier) {
        return sandbox.erasures().stream().filter(call -> identifier.equalsIgnoreCase(call.identifier())).toList();
    }

    private String pauseReason() {
        return jdbc.sql("SELECT coalesce(reason, '') FROM dispatch_pause").query(String.class).single();
    }

    private static List<String> kinds(String details) {
        return JsonPath.read(details, "$.auditTrail.events[*].kind");
    }

    @Test
    void a200WithRequestIdSubmitsAndStoresGongsReceipts(CapturedOutput output) {
        String email = unique();
        String phone = "+4915112345678";
        String id = api.create(request(email, phone, "GDPR"));

        String details = api.awaitStatus(id, "SUBMITTED");

        List<ReceivedCall> emailCalls = callsFor(email);
        List<ReceivedCall> phoneCalls = callsFor(phone);
        assertThat(emailCalls).singleElement().satisfies(call -> assertThat(call.status()).isEqualTo(200));
        assertThat(phoneCalls).singleElement().satisfies(call -> assertThat(call.path()).endsWith("erase-data-for-phone-number"));
        assertThat((String) JsonPath.read(details, "$.gongRequestIds.email")).isEqualTo(emailCalls.get(0).requestId());
        assertThat((String) JsonPath.read(details, "$.gongRequestIds.phoneNumber")).isEqualTo(phoneCalls.get(0).requestId());
        assertThat((String) JsonPath.read(details, "$.submittedAt")).isNotNull();
        assertThat((Integer) JsonPath.read(details, "$.attempts")).isEqualTo(1);
        assertThat(kinds(details)).containsExactly("RECEIVED", "STATUS_CHANGED", "GONG_CALL", "GONG_CALL", "STATUS_CHANGED");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[4].toStatus")).isEqualTo("SUBMITTED");
        assertThat((List<String>) JsonPath.read(details, "$.gongCalls[*].details.endpoint"))
                .containsExactly("erase-data-for-email-address", "erase-data-for-phone-number");
        assertThat((List<Integer>) JsonPath.read(details, "$.gongCalls[*].details.httpStatus")).containsExactly(200, 200);
        assertThat((List<Integer>) JsonPath.read(details, "$.gongCalls[*].details.attempt")).containsExactly(1, 1);
        assertThat((List<String>) JsonPath.read(details, "$.gongCalls[*].details.replica")).containsOnly("test-replica");
        assertThat((List<Integer>) JsonPath.read(details, "$.gongCalls[*].details.latencyMs")).allMatch(ms -> ms >= 0);
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();

        String basic = Base64.getEncoder().encodeToString(
                (GongSandbox.ACCESS_KEY + ":" + GongSandbox.ACCESS_KEY_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(output.getAll())
                .contains("Erasure request " + id + " attempt 1")
                .doesNotContain(email, phone, phone.substring(1), GongSandbox.ACCESS_KEY_SECRET, basic);
    }

    @Test
    void theDispatchersLogLinesCarryTheSubmittingCallsCorrelationId(CapturedOutput output) {
        String correlation = "corr-" + UUID.randomUUID();
        String id = JsonPath.read(body(api.client().post().uri(Api.REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", correlation).body(request(unique(), null, "GDPR")).exchange()
                .expectStatus().isAccepted().expectHeader().valueEquals("X-Request-Id", correlation)), "$.id");

        api.awaitStatus(id, "SUBMITTED");

        List<String> dispatcherLines = output.getOut().lines().filter(line -> line.contains("Erasure request " + id)).toList();
        assertThat(dispatcherLines).isNotEmpty().allMatch(line -> line.contains(correlation));
    }

    @Test
    void aMissingOrUnusableRequestIdIsReplacedByAFreshOne() {
        String generated = api.list("size=1").expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(UUID.fromString(generated)).isNotNull();
        String replaced = api.client().get().uri(Api.REQUESTS).header("X-Request-Id", "has spaces; and=more").exchange()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(replaced).isNotEqualTo("has spaces; and=more");
        assertThat(UUID.fromString(replaced)).isNotNull();
    }

    @Test
    void a400FailsAtOnceWithGongsReasonAndNoIdentifier() {
        String email = unique();
        sandbox.enqueue(Reply.integrityRefusal());
        String id = api.create(request(email, null, "CCPA"));

        String details = api.awaitStatus(id, "FAILED");

        assertThat(callsFor(email)).hasSize(1);
        String reason = JsonPath.read(details, "$.auditTrail.events[-1].reason");
        assertThat(reason).startsWith("Gong refused the erasure (400): Data integrity protection").endsWith("would be deleted [email]");
        assertThat(details).doesNotContain(email);
    }

    @Test
    void a401RequeuesWithoutCountingAndPausesUntilTheCredentialsAreTriedAgain() {
        String email = unique();
        sandbox.enqueue(Reply.status(401));
        String id = api.create(request(email, null, "GDPR"));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "CREDENTIALS_REJECTED".equals(pauseReason()));
        String details = api.awaitStatus(id, "SUBMITTED");

        List<ReceivedCall> calls = callsFor(email);
        assertThat(calls).extracting(ReceivedCall::status).containsExactly(401, 200);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat((Integer) JsonPath.read(details, "$.attempts")).isEqualTo(1);
        assertThat((List<Boolean>) JsonPath.read(details, "$.auditTrail.events[?(@.toStatus == 'PENDING')].details.attemptCounted"))
                .containsExactly(false);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> pauseReason().isEmpty());
    }

    @Test
    void a429StopsEveryCallUntilRetryAfterHasPassed() {
        sandbox.enqueue(Reply.rateLimited("3"));
        List<String> emails = List.of(unique(), unique(), unique());
        List<String> ids = emails.stream().map(email -> api.create(request(email, null, "GDPR"))).toList();

        ids.forEach(id -> api.awaitStatus(id, "SUBMITTED"));

        List<ReceivedCall> calls = sandbox.calls();
        ReceivedCall limited = calls.stream().filter(call -> call.status() == 429).findFirst().orElseThrow();
        assertThat(calls.stream().filter(call -> call.at().isAfter(limited.at()))
                .filter(call -> call.at().isBefore(limited.at().plusMillis(2950)))).isEmpty();
        assertThat(calls).filteredOn(call -> call.status() == 429).hasSize(1);
        String limitedId = ids.get(emails.indexOf(emails.stream().filter(e -> e.equalsIgnoreCase(limited.identifier()))
                .findFirst().orElseThrow()));
        assertThat((Integer) JsonPath.read(body(api.get(limitedId)), "$.attempts")).isEqualTo(1);
    }

    @Test
    void aGarbledRetryAfterFallsBackToTheDefaultPause() {
        String email = unique();
        sandbox.enqueue(Reply.rateLimited("whenever"));
        String id = api.create(request(email, null, "GDPR"));

        api.awaitStatus(id, "SUBMITTED");

        List<ReceivedCall> calls = callsFor(email);
        assertThat(calls).extracting(ReceivedCall::status).containsExactly(429, 200);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    }

    @Test
    void a5xxIsRetriedWithBackoffAndCountsAnAttempt() {
        String email = unique();
        sandbox.enqueue(Reply.status(503));
        String id = api.create(request(email, null, "GDPR"));

        String details = api.awaitStatus(id, "SUBMITTED");

        assertThat(callsFor(email)).extracting(ReceivedCall::status).containsExactly(503, 200);
        assertThat((Integer) JsonPath.read(details, "$.attempts")).isEqualTo(2);
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.fromStatus == 'DISPATCHING' && @.toStatus == 'PENDING')].reason"))
                .containsExactly("Gong answered 503; attempt 1 of 3");
        assertThat((Integer) JsonPath.read(details, "$.gongCalls[0].details.httpStatus")).isEqualTo(503);
    }

    @Test
    void aTimeoutIsRetried() {
        String email = unique();
        sandbox.enqueue(Reply.slow(Duration.ofSeconds(2)));
        String id = api.create(request(email, null, "GDPR"));

        String details = api.awaitStatus(id, "SUBMITTED");

        assertThat((String) JsonPath.read(details, "$.gongCalls[0].details.failure")).isEqualTo("TIMEOUT");
        assertThat((Integer) JsonPath.read(details, "$.attempts")).isEqualTo(2);
    }

    @Test
    void retriesRunOutIntoFailedAndAnOperatorCanSendItAgain() {
        String email = unique();
        sandbox.answerAlways(Reply.status(502));
        String id = api.create(request(email, null, "GDPR"));

        String failed = api.awaitStatus(id, "FAILED");
        assertThat(callsFor(email)).hasSize(3);
        assertThat((String) JsonPath.read(failed, "$.auditTrail.events[-1].reason")).contains("gave up after 3 attempts");

        sandbox.behave();
        api.retry(id).expectStatus().isOk();
        String submitted = api.awaitStatus(id, "SUBMITTED");
        assertThat((Integer) JsonPath.read(submitted, "$.attempts")).isEqualTo(1);
        assertThat((List<String>) JsonPath.read(submitted, "$.auditTrail.events[?(@.fromStatus == 'FAILED')].actor"))
                .containsExactly("client:tester");
        api.retry(id).expectStatus().isEqualTo(409);
    }

    @Test
    void onlyTheIdentifierStillToEraseIsSentAgain() {
        String email = unique();
        String phone = "+14155550123";
        sandbox.enqueue(Reply.slow(Duration.ZERO), Reply.status(500));
        String id = api.create(request(email, phone, "CCPA"));

        api.awaitStatus(id, "SUBMITTED");

        assertThat(callsFor(email)).hasSize(1);
        assertThat(callsFor(phone)).extracting(ReceivedCall::status).containsExactly(500, 200);
    }

    @Test
    void aWrongPathPausesDispatchingWithoutFailingAnythingAndShowsIt() {
        sandbox.answerAlways(Reply.status(404));
        List<String> ids = List.of(api.create(request(unique(), null, "GDPR")), api.create(request(unique(), null, "GDPR")));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "MISCONFIGURED".equals(pauseReason()));
        RestTestClient management = TestClients.management(managementPort);
        String health = body(management.get().uri("/actuator/health/gong").exchange());
        assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("DOWN");
        assertThat((String) JsonPath.read(health, "$.details.state")).startsWith("misconfigured");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> body(management.get().uri("/actuator/prometheus").exchange())
                .contains("privacy_dispatch_paused{reason=\"misconfigured\"} 1"));
        // Tried again after the pause, one call at a time, and still nothing fails.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.erasures().size() >= 2);
        assertThat(sandbox.erasures()).extracting(ReceivedCall::status).containsOnly(404);
        for (String id : ids) {
            String details = body(api.get(id));
            assertThat((String) JsonPath.read(details, "$.status")).isIn("PENDING", "DISPATCHING");
            assertThat((Integer) JsonPath.read(details, "$.attempts")).isZero();
        }

        sandbox.behave();
        ids.forEach(id -> api.awaitStatus(id, "SUBMITTED"));
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> pauseReason().isEmpty());
    }

    /** Two portals' requests for one subject: Gong erases it once, and each request records that call. */
    @Test
    void requestsOfSeveralPortalsForOneSubjectShareOneCall() {
        String email = unique();
        jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '1 hour'").update();
        String crms = api.as("crm").create(request(email, null, "GDPR"));
        String helpdesks = api.as("helpdesk").create(request(email, "+4915112345678", "GDPR"));
        jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL").update();

        String first = api.awaitStatus(crms, "SUBMITTED");
        String second = api.awaitStatus(helpdesks, "SUBMITTED");

        assertThat(callsFor(email)).singleElement().satisfies(call -> assertThat(call.status()).isEqualTo(200));
        assertThat(callsFor("+4915112345678")).hasSize(1);
        String gongId = callsFor(email).get(0).requestId();
        assertThat((String) JsonPath.read(first, "$.gongRequestIds.email")).isEqualTo(gongId);
        assertThat((String) JsonPath.read(second, "$.gongRequestIds.email")).isEqualTo(gongId);
        List<String> shared = JsonPath.read(first.contains("sharedFrom") ? first : second, "$.gongCalls[?(@.details.sharedFrom)].reason");
        assertThat(shared).containsExactly("erase-data-for-email-address answered 200 for another request of the same subject");
        assertThat((Boolean) JsonPath.read(second, "$.auditTrail.intact")).isTrue();
    }

    @Test
    void aRequestSentToGongCanNoLongerBeCancelled() {
        String id = api.create(request(unique(), null, "GDPR"));
        api.awaitStatus(id, "SUBMITTED");
        assertThat(body(api.cancel(id).expectStatus().isEqualTo(409))).contains("already sent to Gong");
    }
}
