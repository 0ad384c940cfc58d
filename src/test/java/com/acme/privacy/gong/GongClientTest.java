package com.acme.privacy.gong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.Reply;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

class GongClientTest {

    static final GongSandbox sandbox = GongSandbox.start();

    SimpleMeterRegistry meters;

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        meters = new SimpleMeterRegistry();
    }

    private GongClient client(GongProperties properties) {
        return new GongClient(properties, new GongResponseReader(JsonMapper.builder().build()), new GongCallMetrics(meters));
    }

    private GongClient basic(String baseUrl) {
        return client(properties(baseUrl, GongSandbox.ACCESS_KEY, GongSandbox.ACCESS_KEY_SECRET, null, null));
    }

    static GongProperties properties(String baseUrl, String accessKey, String secret, String bearerToken, String customerBaseUrl) {
        return new GongProperties(URI.create(baseUrl), accessKey, secret, bearerToken,
                customerBaseUrl == null ? null : URI.create(customerBaseUrl), Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
                10_000, false);
    }

    @Test
    void erasesByEmailWithTheAddressInTheQueryString() {
        GongResponse response = basic(sandbox.baseUrl()).eraseEmail(new EmailAddress("o'neil+tag&x=1@Example.com"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.requestId()).isNotBlank();
        GongSandbox.ReceivedCall call = sandbox.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v2/data-privacy/erase-data-for-email-address");
        assertThat(call.identifier()).isEqualTo("o'neil+tag&x=1@example.com");
        assertThat(call.requestId()).isEqualTo(response.requestId());
    }

    @Test
    void erasesByPhoneKeepingThePlusSign() {
        GongResponse response = basic(sandbox.baseUrl()).erasePhone(new PhoneNumber("+4915112345678"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(sandbox.calls().get(0).identifier()).isEqualTo("+4915112345678");
        assertThat(sandbox.calls().get(0).path()).endsWith("/erase-data-for-phone-number");
    }

    @Test
    void reportsDataUntilTheSubjectIsErased() {
        GongClient client = basic(sandbox.baseUrl());
        EmailAddress email = new EmailAddress("check@example.com");

        GongResponse before = client.dataForEmail(email);
        assertThat(before.dataFound()).isNotNull();
        assertThat(before.dataFound().isEmpty()).isFalse();
        assertThat(before.dataFound().calls()).isEqualTo(1);

        client.eraseEmail(email);
        assertThat(client.dataForEmail(email).dataFound().isEmpty()).isTrue();
        assertThat(sandbox.calls()).extracting(GongSandbox.ReceivedCall::path).containsExactly(
                "/v2/data-privacy/data-for-email-address", "/v2/data-privacy/erase-data-for-email-address",
                "/v2/data-privacy/data-for-email-address");
    }

    @Test
    void readsAListLeftOutAsNoneAndAnythingButAnObjectOfListsAsUnreadable() {
        GongClient client = basic(sandbox.baseUrl());
        EmailAddress email = new EmailAddress("sparse@example.com");
        sandbox.enqueueChecks(Reply.dataFor(Map.of()), Reply.dataFor(Map.of("meetings", List.of(Map.of("id", "m-1")))),
                Reply.dataFor(Map.of("emails", "none")));

        assertThat(client.dataForEmail(email).dataFound()).isEqualTo(new GongResponse.DataFound(0, 0, 0, 0, 0));
        assertThat(client.dataForEmail(email).dataFound()).isEqualTo(new GongResponse.DataFound(0, 0, 1, 0, 0));
        GongResponse unreadable = client.dataForEmail(email);
        assertThat(unreadable.status()).isEqualTo(200);
        assertThat(unreadable.dataFound()).isNull();
        assertThat(client.eraseEmail(email).dataFound()).as("an erasure reports no data").isNull();
    }

    @Test
    void checksByPhone() {
        GongResponse response = basic(sandbox.baseUrl()).dataForPhone(new PhoneNumber("+14155550100"));
        assertThat(response.dataFound().isEmpty()).isFalse();
        assertThat(sandbox.calls().get(0).identifier()).isEqualTo("+14155550100");
    }

    @Test
    void readsRequestIdAndErrorsFromErrorResponses() {
        sandbox.enqueue(Reply.integrityRefusal());
        GongResponse response = basic(sandbox.baseUrl()).eraseEmail(new EmailAddress("many@example.com"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.requestId()).isNotBlank();
        assertThat(response.errors()).singleElement().asString().startsWith("Data integrity protection");
    }

    @Test
    void readsRetryAfterOfA429() {
        sandbox.enqueue(Reply.rateLimited("7"), Reply.rateLimited("soon"));
        GongClient client = basic(sandbox.baseUrl());

        assertThat(client.eraseEmail(new EmailAddress("a@example.com")).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        GongResponse garbled = client.eraseEmail(new EmailAddress("a@example.com"));
        assertThat(garbled.status()).isEqualTo(429);
        assertThat(garbled.retryAfter()).isNull();
    }

    @Test
    void parsesRetryAfterAsSecondsOrHttpDate() {
        assertThat(GongResponseReader.retryAfter(" 30 ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GongResponseReader.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(GongResponseReader.retryAfter("999999999")).isEqualTo(Duration.ofDays(1));
        assertThat(GongResponseReader.retryAfter("-1")).isNull();
    }

    @Test
    void throwsOnServerErrorsSoThatTheCircuitBreakerSeesThem() {
        sandbox.enqueue(Reply.status(503));
        assertThatThrownBy(() -> basic(sandbox.baseUrl()).eraseEmail(new EmailAddress("down@example.com")))
                .isInstanceOfSatisfying(GongUnavailable.class, e -> {
                    assertThat(e.kind()).isEqualTo(GongUnavailable.Kind.SERVER_ERROR);
                    assertThat(e.response().status()).isEqualTo(503);
                    assertThat(e.response().requestId()).isNotBlank();
                })
                .hasMessageNotContaining("down@example.com");
    }

    @Test
    void throwsOnTimeoutWithoutTheUrl() {
        sandbox.enqueue(Reply.slow(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> basic(sandbox.baseUrl()).eraseEmail(new EmailAddress("slow@example.com")))
                .isInstanceOfSatisfying(GongUnavailable.class, e -> assertThat(e.kind()).isEqualTo(GongUnavailable.Kind.TIMEOUT))
                .hasMessageNotContaining("slow@example.com");
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutWithinTheDeadline() {
        sandbox.enqueue(Reply.stalledBody(Duration.ofSeconds(10)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> basic(sandbox.baseUrl()).eraseEmail(new EmailAddress("stall@example.com")))
                .isInstanceOfSatisfying(GongUnavailable.class, e -> assertThat(e.kind()).isEqualTo(GongUnavailable.Kind.TIMEOUT))
                .hasMessageNotContaining("stall@example.com");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
    }

    /** Cut off at the cap, the JSON no longer parses: the request id Gong put first is not read. */
    @Test
    void readsNoMoreThanTheBodyCap() {
        sandbox.enqueue(Reply.hugeBody(GongClient.MAX_BODY_BYTES * 16));
        GongResponse response = basic(sandbox.baseUrl()).eraseEmail(new EmailAddress("huge@example.com"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.requestId()).isNull();
    }

    @Test
    void anInterruptedCallIsAbandonedAndSaysSo() throws Exception {
        sandbox.enqueue(Reply.slow(Duration.ofSeconds(5)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client(new GongProperties(URI.create(sandbox.baseUrl()), GongSandbox.ACCESS_KEY, GongSandbox.ACCESS_KEY_SECRET,
                        null, null, Duration.ofSeconds(1), Duration.ofSeconds(30), 3, 10_000, false))
                        .eraseEmail(new EmailAddress("stop@example.com"));
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        caller.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !sandbox.calls().isEmpty());
        caller.interrupt();
        caller.join(Duration.ofSeconds(5).toMillis());
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(GongCallInterrupted.class).hasMessageNotContaining("stop@example.com");
        assertThat(meters.get("gong.calls").tags("outcome", "interrupted").counter().count()).isEqualTo(1);
    }

    @Test
    void throwsWhenGongCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> basic("http://localhost:" + closedPort).eraseEmail(new EmailAddress("gone@example.com")))
                .isInstanceOfSatisfying(GongUnavailable.class, e -> assertThat(e.kind()).isEqualTo(GongUnavailable.Kind.CONNECTION_FAILED))
                .hasMessageNotContaining("gone@example.com");
    }

    @Test
    void usesABearerTokenAgainstTheCustomerBaseUrl() {
        GongClient client = client(properties("http://localhost:1", null, null, GongSandbox.BEARER_TOKEN, sandbox.baseUrl() + "/"));
        assertThat(client.eraseEmail(new EmailAddress("oauth@example.com")).status()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsGet401() {
        GongClient client = client(properties(sandbox.baseUrl(), "someone", "wrong", null, null));
        GongResponse response = client.eraseEmail(new EmailAddress("a@example.com"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly("Unauthorized");
    }

    @Test
    void refusesToCallWithoutCredentialsAndNeverPrintsThem() {
        GongProperties none = properties(sandbox.baseUrl(), null, null, null, null);
        assertThat(client(none).isConfigured()).isFalse();
        assertThatThrownBy(() -> client(none).eraseEmail(new EmailAddress("a@example.com"))).isInstanceOf(IllegalStateException.class);

        GongProperties secret = properties(sandbox.baseUrl(), "key", "s3cr3t", "t0k3n", null);
        assertThat(secret.toString()).doesNotContain("s3cr3t", "t0k3n", "key");
    }

    @Test
    void countsCallsAndLatencyByEndpointAndOutcome() {
        sandbox.enqueue(Reply.status(429));
        GongClient client = basic(sandbox.baseUrl());
        client.eraseEmail(new EmailAddress("a@example.com"));
        client.eraseEmail(new EmailAddress("a@example.com"));

        assertThat(meters.get("gong.calls").tags("endpoint", "erase-data-for-email-address", "outcome", "rate_limited").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("gong.calls").tags("endpoint", "erase-data-for-email-address", "outcome", "success").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("gong.call.duration").tags("endpoint", "erase-data-for-email-address").timer().count()).isEqualTo(2);
    }

    @Test
    void theSandboxRefusesCallsOverItsDailyCapUntilMidnight() {
        sandbox.dailyCap(1);
        GongClient client = basic(sandbox.baseUrl());
        assertThat(client.eraseEmail(new EmailAddress("cap@example.com")).status()).isEqualTo(200);
        GongResponse refused = client.eraseEmail(new EmailAddress("cap@example.com"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
    }

    @Test
    void theSandboxMetersThreeCallsPerSecond() {
        GongClient client = basic(sandbox.baseUrl());
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            if (client.dataForEmail(new EmailAddress("burst@example.com")).status() == 429) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(2);
    }
}
