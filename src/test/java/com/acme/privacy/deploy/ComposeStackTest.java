package com.acme.privacy.deploy;

import static com.acme.privacy.deploy.HelmChart.FULLNAME;
import static com.acme.privacy.deploy.HelmChart.at;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and its files under src/deploy/compose fit the service and the chart. (CI checks the compose
 * file's syntax with docker-compose; there is no engine to run it.)
 */
class ComposeStackTest {

    private static final Path COMPOSE_FILES = Path.of("src/deploy/compose");

    private final Map<String, Object> compose = load(Path.of("docker-compose.yml"));
    private final Map<String, Object> app = at(compose, "services", "app", "environment");

    @Test
    void theAppIsConfiguredOnlyWithDocumentedEnvVars() {
        ReadmeConfiguration readme = ReadmeConfiguration.read(Path.of("README.md"));
        assertThat(app.keySet().stream().filter(name -> !readme.documents(name)).toList())
                .as("env vars whose property README.md's Configuration table does not document")
                .isEmpty();
    }

    @Test
    void thePiiKeysAreValidLocalOnlyPlaceholders() {
        // Invalid keys would stop the service at startup; the decoded text says they are placeholders.
        String activeKeyId = env("PRIVACY_PII_ACTIVE_KEY_ID");
        byte[] encryptionKey = Base64.getDecoder().decode(env("PRIVACY_PII_ENCRYPTIONKEYS_" + activeKeyId.toUpperCase(Locale.ROOT)));
        byte[] hashKey = Base64.getDecoder().decode(env("PRIVACY_PII_HASH_KEY"));

        assertThat(activeKeyId).matches("[a-z0-9]+");
        assertThat(encryptionKey).hasSize(32);
        assertThat(hashKey.length).isGreaterThanOrEqualTo(32);
        assertThat(new String(encryptionKey, US_ASCII)).startsWith("local-only-");
        assertThat(new String(hashKey, US_ASCII)).startsWith("local-only-");
    }

    @Test
    void theOtherSecretsAreLocalOnlyPlaceholders() {
        assertThat(env("DATABASE_PASSWORD")).startsWith("local-only-")
                .isEqualTo(String.valueOf((Object) at(compose, "services", "postgres", "environment", "POSTGRES_PASSWORD")));
        assertThat(env("PRIVACY_GONG_ACCESS_KEY")).startsWith("local-only-");
        assertThat(env("PRIVACY_GONG_ACCESS_KEY_SECRET")).startsWith("local-only-");
        assertThat(env("PRIVACY_SECURITY_APIKEYS_0_SHA256")).matches("[0-9a-f]{64}");
    }

    @Test
    void theGongSandboxAnswersTheFourEndpointsForTheAppsCredentials() {
        assertThat(env("PRIVACY_GONG_BASE_URL")).isEqualTo("http://gong-sandbox:8080");
        List<String> endpoints = new ArrayList<>();
        for (Map<String, Object> mapping : wiremockMappings()) {
            Map<String, Object> request = at(mapping, "request");
            Map<String, Object> query = at(request, "queryParameters");
            endpoints.add(request.get("method") + " " + request.get("urlPath") + "?" + String.join("&", query.keySet()));
            assertThat((Object) at(request, "basicAuthCredentials")).isEqualTo(Map.of(
                    "username", env("PRIVACY_GONG_ACCESS_KEY"), "password", env("PRIVACY_GONG_ACCESS_KEY_SECRET")));
            assertThat((String) at(mapping, "response", "jsonBody", "requestId")).isEqualTo("{{randomValue type='UUID'}}");
            assertThat((Object) at(mapping, "response", "transformers")).isEqualTo(List.of("response-template"));
        }
        assertThat(endpoints).containsExactlyInAnyOrder(
                "POST /v2/data-privacy/erase-data-for-email-address?emailAddress",
                "POST /v2/data-privacy/erase-data-for-phone-number?phoneNumber",
                "GET /v2/data-privacy/data-for-email-address?emailAddress",
                "GET /v2/data-privacy/data-for-phone-number?phoneNumber");
    }

    @Test
    void prometheusScrapesTheAppsManagementPort() {
        Map<String, Object> prometheus = load(COMPOSE_FILES.resolve("prometheus/prometheus.yml"));
        assertThat((String) at(prometheus, "scrape_configs", 0, "metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat((Object) at(prometheus, "scrape_configs", 0, "static_configs", 0, "targets"))
                .isEqualTo(List.of("app:" + env("MANAGEMENT_SERVER_PORT")));
        assertThat((Object) at(prometheus, "rule_files")).isEqualTo(List.of("/etc/prometheus/alerts.yml"));
        List<String> volumes = at(compose, "services", "prometheus", "volumes");
        assertThat(volumes).contains("./src/deploy/compose/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    void prometheusLoadsTheChartsAlertRulesAsRenderedWithTheDefaultValues() {
        // One set of rules for both: when the chart's rules change, alerts.yml must be regenerated.
        HelmChart.Manifests chart = HelmChart.template(t -> t.set("prometheusRule.enabled", "true"));
        Object chartGroups = at(chart.named("PrometheusRule", FULLNAME), "spec", "groups");
        assertThat((Object) at(load(COMPOSE_FILES.resolve("prometheus/alerts.yml")), "groups")).isEqualTo(chartGroups);
    }

    @Test
    void grafanaShowsTheChartsDashboardOnTheProvisionedDatasource() {
        List<String> volumes = at(compose, "services", "grafana", "volumes");
        assertThat(volumes).contains("./helm/privacy-requests/dashboards:/var/lib/grafana/dashboards:ro");
        Map<String, Object> datasources = load(COMPOSE_FILES.resolve("grafana/provisioning/datasources/prometheus.yml"));
        String uid = at(datasources, "datasources", 0, "uid");

        Map<String, Object> dashboard = load(HelmChart.CHART.resolve("dashboards/privacy-requests.json"));
        assertThat((String) at(dashboard, "templating", "list", 0, "name")).isEqualTo("DS_PROMETHEUS");
        assertThat((String) at(dashboard, "templating", "list", 0, "current", "value")).isEqualTo(uid);
        List<Map<String, Object>> panels = at(dashboard, "panels");
        assertThat(panels).isNotEmpty()
                .allSatisfy(panel -> assertThat((String) at(panel, "datasource", "uid")).isEqualTo("${DS_PROMETHEUS}"));
    }

    private String env(String name) {
        assertThat(app).containsKey(name);
        return String.valueOf(app.get(name));
    }

    private static List<Map<String, Object>> wiremockMappings() {
        try (Stream<Path> files = Files.list(COMPOSE_FILES.resolve("wiremock/mappings"))) {
            return files.sorted().map(ComposeStackTest::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads YAML, or JSON, which SnakeYAML reads as YAML. */
    private static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
