package com.acme.privacy.deploy;

import static com.acme.privacy.deploy.HelmChart.FULLNAME;
import static com.acme.privacy.deploy.HelmChart.at;
import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.yaml.snakeyaml.Yaml;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;

/** The alerts and the dashboard query metrics that the running service really exports, checked against a scrape. */
@DispatcherTest
class AlertMetricsTest {

    private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:privacy|gong|resilience4j)_[a-z0-9_]+");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsInAScrapeOfTheService() throws IOException {
        Set<String> queried = metricNames(queries());
        assertThat(queried).hasSizeGreaterThan(10);

        Api api = new Api(port);
        api.awaitStatus(api.create(request("alerts-" + UUID.randomUUID() + "@example.com", null, "GDPR")), "SUBMITTED");
        api.as("nobody-with-this-key").list("size=1").expectStatus().isUnauthorized();
        String scrape = Awaitility.await().atMost(Duration.ofSeconds(5)).until(this::scrape,
                text -> text.contains("gong_daily_budget_used_calls 1.0"));

        Set<String> exported = new TreeSet<>();
        scrape.lines().filter(line -> !line.startsWith("#")).forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
        assertThat(exported).containsAll(queried);
    }

    private List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>();
        HelmChart.Manifests rendered = HelmChart.template(t -> t.set("prometheusRule.enabled", "true"));
        List<Map<String, Object>> groups = at(rendered.named("PrometheusRule", FULLNAME), "spec", "groups");
        for (Map<String, Object> group : groups) {
            List<Map<String, Object>> rules = at(group, "rules");
            rules.forEach(rule -> queries.add((String) rule.get("expr")));
        }
        Map<String, Object> dashboard = new Yaml().load(Files.readString(HelmChart.CHART.resolve("dashboards/privacy-requests.json")));
        List<Map<String, Object>> panels = at(dashboard, "panels");
        for (Map<String, Object> panel : panels) {
            List<Map<String, Object>> targets = at(panel, "targets");
            targets.forEach(target -> queries.add((String) target.get("expr")));
        }
        return queries;
    }

    private static Set<String> metricNames(List<String> queries) {
        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = METRIC_NAME.matcher(query);
            while (metric.find()) {
                names.add(metric.group());
            }
        }
        return names;
    }

    private String scrape() {
        return body(RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk());
    }
}
