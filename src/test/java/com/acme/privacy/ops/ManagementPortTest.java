package com.acme.privacy.ops;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.TestClients;
import com.jayway.jsonpath.JsonPath;

/** Actuator answers only on the management port, without credentials; the API port does not serve it. */
@ApiTest
class ManagementPortTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private RestTestClient management() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }

    @Test
    void theManagementPortIsNotTheApiPort() {
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void probesAnswerOnTheManagementPort() {
        String liveness = body(management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk());
        assertThat((String) JsonPath.read(liveness, "$.status")).isEqualTo("UP");
        String readiness = body(TestClients.management(managementPort).get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk());
        assertThat((String) JsonPath.read(readiness, "$.components.db.status")).isEqualTo("UP");
        assertThat((Object) JsonPath.read(readiness, "$.components")).asString().doesNotContain("gong");
    }

    /** Anyone who reaches the port sees UP or DOWN; what is behind it only a VIEWER or ADMIN. */
    @Test
    void healthDetailsNeedAViewerOrAnAdmin() {
        assertThat(body(management().get().uri("/actuator/health").exchange())).doesNotContain("components", "gong", "db");
        assertThat(body(management().get().uri("/actuator/health").header("X-API-Key", TestClients.key("crm")).exchange()))
                .doesNotContain("components");
        assertThat(body(TestClients.management(managementPort).get().uri("/actuator/health").exchange()))
                .contains("\"components\"", "\"gong\"", "\"dispatcher\"");
        assertThat(body(management().get().uri("/actuator/health").header("X-API-Key", TestClients.key("ops")).exchange()))
                .contains("\"components\"");
    }

    @Test
    void prometheusAndInfoAnswerOnTheManagementPort() {
        assertThat(body(management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()))
                .contains("jvm_memory_used_bytes", "hikaricp_connections_active");
        String info = body(management().get().uri("/actuator/info").exchange().expectStatus().isOk());
        assertThat((String) JsonPath.read(info, "$.build.artifact")).isEqualTo("privacy-requests");
        assertThat((String) JsonPath.read(info, "$.build.version")).isNotBlank();
        assertThat((String) JsonPath.read(info, "$.git.commit.id")).isNotBlank();
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        management().get().uri("/actuator/env").exchange().expectStatus().is4xxClientError();
        management().get().uri("/actuator/configprops").exchange().expectStatus().is4xxClientError();
        management().get().uri("/actuator/heapdump").exchange().expectStatus().is4xxClientError();
    }

    @Test
    void theApiPortServesNoActuator() {
        RestTestClient api = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        api.get().uri("/actuator/health").exchange().expectStatus().isUnauthorized();
        api.get().uri("/actuator/health").header("X-API-Key", TestClients.key("ops")).exchange().expectStatus().isForbidden();
    }
}
