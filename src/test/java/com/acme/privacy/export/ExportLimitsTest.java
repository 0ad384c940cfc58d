package com.acme.privacy.export;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.Problems;
import com.acme.privacy.testsupport.TestClients;
import com.jayway.jsonpath.JsonPath;

/**
 * Slow exports cannot take the connection pool: one at a time per caller, two per replica, each over at most
 * {@code privacy.export.max-range}; beyond that the answer is 429 at once, and the rest of the API goes on answering.
 */
@ApiTest
class ExportLimitsTest {

    private static final String EVENTS = "/api/v1/exports/audit-events?from=2026-01-01&to=2026-02-01";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private CompletableFuture<HttpResponse<String>> exportAs(String caller) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + EVENTS))
                .header("X-API-Key", TestClients.key(caller)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private int exportsWaitingOnTheLock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%audit_event_hashed_text%'")
                .query(Integer.class).single();
    }

    @Test
    void slowExportsTakeAtMostTheirSlotsAndTheApiGoesOnAnswering() throws Exception {
        Api api = new Api(port);
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            // Two exports that cannot finish: each holds its slot and a connection, as a slow reader would.
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE audit_event IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<HttpResponse<String>> first = exportAs("compliance");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> exportsWaitingOnTheLock() == 1);
            CompletableFuture<HttpResponse<String>> second = exportAs("ops");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> exportsWaitingOnTheLock() == 2);

            String sameCaller = body(api.as("compliance").client().get().uri(EVENTS).exchange()
                    .expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "60")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat((String) JsonPath.read(sameCaller, "$.detail")).contains("This caller's exports are all still running");
            Problems.assertNoInternals(sameCaller);
            String replicaFull = body(api.client().get().uri("/api/v1/exports/requests?from=2026-01-01&to=2026-02-01").exchange()
                    .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After"));
            assertThat((String) JsonPath.read(replicaFull, "$.detail")).contains("This replica's exports are all taken");

            api.list("size=5").expectStatus().isOk();
            assertThat(first).isNotDone();
            holder.rollback();

            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // The slots are free again.
        api.as("compliance").client().get().uri(EVENTS).exchange().expectStatus().isOk();
    }

    @Test
    void aRangeLongerThanTheLongestAllowedIs400NamingTo() {
        Api viewer = new Api(port).as("compliance");
        String problem = body(viewer.client().get().uri("/api/v1/exports/requests?from=2020-01-01&to=2027-01-01").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].field")).containsExactly("to");
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].message")).singleElement().asString()
                .startsWith("must be at most 366 days after from");
        viewer.client().get().uri("/api/v1/exports/requests?from=2024-01-01&to=2025-01-01").exchange().expectStatus().isOk();
    }
}
