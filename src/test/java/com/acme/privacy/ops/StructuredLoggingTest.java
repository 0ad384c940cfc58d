package com.acme.privacy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.ApiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With structured logging configured, every line is a JSON object carrying the call's correlation id. */
@ApiTest
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

    @LocalServerPort
    int port;

    /** Boot keeps the format in a system property; later test contexts must log as configured for them. */
    @AfterAll
    static void restoreHumanReadableLogs() {
        System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
    }

    @Test
    void logsJsonLinesWithTheCorrelationId(CapturedOutput output) {
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/api/v1/erasure-requests").header("X-API-Key", "wrong").header("X-Request-Id", "json-check-1")
                .exchange().expectStatus().isUnauthorized();

        List<String> lines = output.getOut().lines().filter(line -> line.contains("json-check-1")).toList();
        assertThat(lines).isNotEmpty();
        JsonNode line = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(line.path("@timestamp").asString()).isNotBlank();
        assertThat(line.path("log").path("level").asString()).isEqualTo("WARN");
        assertThat(line.path("message").asString()).startsWith("Authentication failed from");
        assertThat(line.path("requestId").asString()).isEqualTo("json-check-1");
        assertThat(line.path("service").path("name").asString()).isEqualTo("privacy-requests");
        assertThat(output.getOut()).doesNotContain("wrong\"");
    }
}
