package com.acme.privacy.callback;

import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.PortalReceiver;
import com.acme.privacy.testsupport.PortalReceiver.Delivery;
import com.jayway.jsonpath.JsonPath;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * A portal's callback endpoint on a real HTTP server: what reaches it, signed as Standard Webhooks say (checked with
 * that specification's reference library, not our signing code), retried after failures, and dead-lettered.
 */
@DispatcherTest
@TestPropertySource(properties = {
        "privacy.callbacks.timeout=1s",
        "privacy.callbacks.first-retry=300ms",
        "privacy.callbacks.longest-retry=600ms",
        "privacy.callbacks.give-up-after=3s",
        "privacy.callbacks.resend-interval=100ms"})
class PortalCallbackTest {

    static final PortalReceiver portal = PortalReceiver.start();

    @DynamicPropertySource
    static void registerThePortal(DynamicPropertyRegistry registry) {
        portal.properties(0, "tester").forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    DataSource dataSource;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        portal.reset();
    }

    private static String unique() {
        return "callback-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private static List<Delivery> of(String requestId) {
        return portal.deliveries().stream().filter(delivery -> requestId.equals(JsonPath.read(delivery.body(), "$.data.requestId")))
                .toList();
    }

    private static Set<String> typesOf(String requestId) {
        return of(requestId).stream().map(delivery -> JsonPath.<String>read(delivery.body(), "$.type")).collect(Collectors.toSet());
    }

    @Test
    void everyChangeThatMattersReachesItsPortalSignedAsStandardWebhooksSay() throws Exception {
        String email = unique();
        String submitted = api.create("{\"email\":\"" + email + "\",\"phoneNumber\":\"+4915112345678\",\"regulation\":\"GDPR\","
                + "\"externalReference\":\"TICKET-4711\"}");
        api.awaitStatus(submitted, "SUBMITTED");
        api.act(submitted, "extend", "{\"reason\":\"Complex request, ticket 9\"}").expectStatus().isOk();
        String released = api.create("{\"email\":\"" + unique() + "\",\"regulation\":\"CCPA\",\"holdUntilConfirmed\":true}");
        api.act(released, "release", "{\"reason\":\"CRM erasure done, ticket 8\"}").expectStatus().isOk();
        String cancelled = api.create(request(unique(), null, "GDPR").replace("}", ",\"holdUntilConfirmed\":true}"));
        api.cancel(cancelled).expectStatus().isOk();
        String elsewhere = api.as("crm").create(request(unique(), null, "GDPR"));
        api.awaitStatus(elsewhere, "SUBMITTED");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(typesOf(submitted)).containsExactlyInAnyOrder("erasure_request.submitted", "erasure_request.deadline_extended");
            assertThat(typesOf(released)).containsExactlyInAnyOrder("erasure_request.hold_released", "erasure_request.submitted");
            assertThat(typesOf(cancelled)).containsExactly("erasure_request.cancelled");
        });
        assertThat(of(elsewhere)).as("the crm portal registered no callback").isEmpty();

        Delivery first = of(submitted).stream().filter(delivery -> delivery.body().contains("\"SUBMITTED\"")).findFirst().orElseThrow();
        assertThat((String) JsonPath.read(first.body(), "$.data.externalReference")).isEqualTo("TICKET-4711");
        assertThat((String) JsonPath.read(first.body(), "$.data.status")).isEqualTo("SUBMITTED");
        assertThat((String) JsonPath.read(first.body(), "$.data.dueAt")).isNotBlank();
        assertThat(first.body()).doesNotContain(email, "4915112345678", email.substring(0, email.indexOf('@')));
        Webhook verifier = new Webhook(portal.secret());
        for (Delivery delivery : portal.deliveries()) {
            assertThatCode(() -> verifier.verify(delivery.body(), delivery.headers())).as(delivery.body()).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> verifier.verify(first.body().replace("TICKET-4711", "TICKET-4712"), first.headers()))
                .isInstanceOf(WebhookVerificationException.class);
        assertThat(portal.deliveries().stream().map(delivery -> delivery.header("webhook-id")).distinct())
                .as("one id per change").hasSize(portal.deliveries().size());
    }

    @Test
    void aPortalThatFailsGetsTheSameEventAgainWithGrowingWaits() {
        portal.answer(500, 503);
        String id = api.create(request(unique(), null, "GDPR"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> of(id).stream().anyMatch(delivery -> delivery.answered() == 200));
        List<Delivery> tries = of(id);
        assertThat(tries).extracting(Delivery::answered).containsExactly(500, 503, 200);
        assertThat(tries).extracting(delivery -> delivery.header("webhook-id")).containsOnly(tries.get(0).header("webhook-id"));
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(Duration.between(tries.get(1).at(), tries.get(2).at())).as("doubled").isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }

    @Test
    void aPortalDownForLongerThanTheRetriesGetsADeadLetterThatAPersonCanSendAgain() {
        portal.answerAlways(500);
        String id = api.create(request(unique(), null, "GDPR"));

        DeadLetters.DeadLetter letter = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> deadLetters.list(100).stream().filter(dead -> dead.requestId().toString().equals(id)).findFirst(),
                        found -> found.isPresent()).orElseThrow();
        assertThat(letter.change()).isEqualTo("SUBMITTED");
        assertThat(letter.source()).isEqualTo("tester");
        int tried = of(id).size();
        assertThat(tried).as("retried before it was given up").isGreaterThan(2);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> of(id).size() == tried);

        portal.answerAlways(200);
        deadLetters.resend(letter.publication());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> of(id).size() == tried + 1 && of(id).get(tried).answered() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> deadLetters.list(100).stream().noneMatch(dead -> dead.requestId().toString().equals(id)));
    }

    @Test
    void aPortalThatHangsDoesNotSlowDispatching() {
        portal.delay(Duration.ofSeconds(5));
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> api.create(request(unique(), null, "GDPR"))).toList();

        // Four requests at 2.5 calls/s take under two seconds; four callbacks sent in line would take four.
        Awaitility.await().atMost(Duration.ofMillis(3_500)).until(() -> ids.stream()
                .allMatch(id -> "SUBMITTED".equals(JsonPath.read(Api.body(api.get(id)), "$.status"))));
    }

    /**
     * A delivery waiting on a slow portal holds no database connection: with the pool's ten, a few hanging portals
     * would otherwise turn intake into 503s. Other work takes connections briefly, so the pool must empty while the
     * portal still holds its answer back.
     */
    @Test
    void aDeliveryWaitingOnThePortalHoldsNoDatabaseConnection() throws Exception {
        HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        CompletableFuture<Delivery> arrived = new CompletableFuture<>();
        portal.onDelivery(arrived::complete);
        portal.delay(Duration.ofSeconds(5));
        try {
            api.create(request(unique(), null, "GDPR"));
            arrived.get(10, TimeUnit.SECONDS);

            // The sender gives up after privacy.callbacks.timeout (1 s here); the pool empties well before.
            Awaitility.await().atMost(Duration.ofMillis(700)).pollInterval(Duration.ofMillis(5))
                    .until(() -> pool.getActiveConnections() == 0);
        } finally {
            portal.onDelivery(delivery -> { });
        }
    }
}
