package com.acme.privacy.web;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static com.acme.privacy.testsupport.Problems.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.TestClients;
import com.acme.privacy.testsupport.TcpProxy;
import com.acme.privacy.testsupport.TestDatabases;
import com.jayway.jsonpath.JsonPath;

/** The database sits behind a proxy that the test cuts, as when the database host goes away. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DatabaseOutageTest {

    static TcpProxy proxy;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        TestDatabases.TestDatabase database = TestDatabases.fresh();
        URI target = URI.create(database.url().substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort());
        registry.add("spring.datasource.url", () -> database.url().replace(":" + target.getPort() + "/", ":" + proxy.port() + "/"));
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        proxy.close();
    }

    @Test
    void answers503WithRetryAfterWithinSecondsWhenTheDatabaseIsDown() throws IOException {
        Api api = new Api(port);
        api.create(request("before-" + UUID.randomUUID() + "@example.com", null, "GDPR"));

        proxy.cut();

        long started = System.nanoTime();
        String problem = body(api.submit(request("during-" + UUID.randomUUID() + "@example.com", null, "GDPR"))
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat((String) JsonPath.read(problem, "$.detail")).contains("nothing was stored");
        assertNoInternals(problem);

        api.get(UUID.randomUUID().toString()).expectStatus().isEqualTo(503);

        RestTestClient management = TestClients.management(managementPort);
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
