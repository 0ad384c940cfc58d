package com.acme.privacy.ops;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;

/** After a dispatch, every metric named in the README is exported, and no label carries an identifier. */
@DispatcherTest
class MetricsTest {

    static final List<String> NAMED = List.of(
            "privacy_requests_received_total{regulation=\"GDPR\",source=\"tester\"",
            "privacy_requests_backlog{status=\"PENDING\"",
            "privacy_requests_backlog{status=\"FAILED\"",
            "privacy_requests_oldest_pending_age_seconds",
            "privacy_requests_overdue",
            "privacy_dispatcher_active",
            "privacy_dispatch_paused{reason=\"rate_limited\"",
            "privacy_dispatch_paused{reason=\"credentials_rejected\"",
            "gong_calls_total{endpoint=\"erase-data-for-email-address\",outcome=\"success\"",
            "gong_call_duration_seconds_bucket{endpoint=\"erase-data-for-email-address\"",
            "gong_daily_budget_used_calls",
            "gong_daily_budget_remaining_calls",
            "gong_daily_budget_limit_calls",
            "resilience4j_circuitbreaker_state{name=\"gong\",state=\"closed\"",
            "resilience4j_circuitbreaker_calls_seconds_count{kind=\"successful\",name=\"gong\"",
            "resilience4j_ratelimiter_available_permissions{name=\"gong\"");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void everyNamedMetricIsExportedAfterADispatch() {
        String email = "metrics-" + UUID.randomUUID() + "@example.com";
        Api api = new Api(port);
        api.awaitStatus(api.create(request(email, null, "GDPR")), "SUBMITTED");

        // The budget gauge is refreshed on a schedule; once it shows the call, the scrape is complete.
        String scrape = Awaitility.await().atMost(Duration.ofSeconds(5)).until(this::scrape,
                text -> text.contains("gong_daily_budget_used_calls 1.0"));

        for (String metric : NAMED) {
            assertThat(scrape.lines().anyMatch(line -> containsLabels(line, metric))).as(metric).isTrue();
        }
        assertThat(scrape).contains("privacy_dispatcher_active 1.0");
        assertThat(scrape).doesNotContain(email, email.substring(0, email.indexOf('@')));
    }

    /** Whether the line has the metric's name and each of the labels given in the expectation, in any order. */
    private static boolean containsLabels(String line, String metric) {
        if (!metric.contains("{")) {
            return line.startsWith(metric + " ") || line.startsWith(metric + "{");
        }
        String name = metric.substring(0, metric.indexOf('{'));
        if (!line.startsWith(name + "{")) {
            return false;
        }
        for (String label : metric.substring(metric.indexOf('{') + 1).split(",")) {
            if (!line.contains(label)) {
                return false;
            }
        }
        return true;
    }

    private String scrape() {
        return body(RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk());
    }
}
