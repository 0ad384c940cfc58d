package com.acme.privacy.deploy;

import static com.acme.privacy.deploy.HelmChart.FULLNAME;
import static com.acme.privacy.deploy.HelmChart.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/** What the chart renders, with the default values and with a production-like values file. */
class HelmChartTest {

    // What the service exports at /actuator/prometheus, as the dashboard and the alerts rely on it.
    private static final Set<String> SERVICE_METRICS = Set.of("privacy_requests_received_total",
            "privacy_requests_backlog", "privacy_requests_oldest_pending_age_seconds", "privacy_requests_overdue",
            "privacy_dispatcher_active", "privacy_dispatch_paused", "privacy_dispatch_pace_calls_per_second",
            "privacy_dispatch_standing_down", "privacy_auth_failures_total", "gong_calls_total",
            "gong_call_duration_seconds_bucket", "gong_daily_budget_used_calls", "gong_daily_budget_remaining_calls",
            "gong_daily_budget_limit_calls", "resilience4j_circuitbreaker_state",
            "resilience4j_ratelimiter_available_permissions", "privacy_quota_daily_used_ratio", "privacy_audit_chains_broken",
            "privacy_audit_anchors_broken", "privacy_audit_last_verification_timestamp_seconds",
            "privacy_audit_last_anchor_timestamp_seconds", "privacy_requests_oldest_held_age_seconds", "privacy_requests_due_soon",
            "privacy_callbacks_undelivered", "privacy_callbacks_deliveries_total");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:privacy|gong|resilience4j)_[a-z0-9_]+");

    private final HelmChart.Manifests defaults = HelmChart.template();
    private final HelmChart.Manifests production = HelmChart.template(t -> t.withValuesFile(HelmChart.PRODUCTION_VALUES));

    @Test
    void passesHelmLintStrict() {
        LintResult result = new Helm(HelmChart.CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultValuesRenderTheWorkloadItsNetworkPolicyAndNoOptionalObject() {
        // No secret value is given by default, so there is no chart Secret either.
        assertThat(defaults.kinds())
                .containsExactly("ConfigMap", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount");
    }

    @Test
    void productionValuesRenderEveryOptionalObject() {
        assertThat(production.kinds()).containsExactly("ConfigMap", "ConfigMap", "Deployment", "HorizontalPodAutoscaler",
                "NetworkPolicy", "PodDisruptionBudget", "PrometheusRule", "Service", "Service", "ServiceAccount",
                "ServiceMonitor");
    }

    @Test
    void runsTwoReplicasKeptAvailableByADisruptionBudget() {
        assertThat((Integer) at(defaults.deployment(), "spec", "replicas")).isEqualTo(2);
        Map<String, Object> budget = defaults.named("PodDisruptionBudget", FULLNAME);
        assertThat((Integer) at(budget, "spec", "minAvailable")).isEqualTo(1);
        assertThat((Object) at(budget, "spec", "selector")).isEqualTo(at(defaults.deployment(), "spec", "selector"));
    }

    @Test
    void leavesTheReplicaCountToTheAutoscalerWhenEnabled() {
        // A replicas field would fight the HorizontalPodAutoscaler on every upgrade.
        assertThat((Object) at(production.deployment(), "spec", "replicas")).isNull();
        Map<String, Object> autoscaler = production.named("HorizontalPodAutoscaler", FULLNAME);
        assertThat((String) at(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo(FULLNAME);
    }

    @Test
    void theServiceExposesOnlyTheApiPort() {
        List<Map<String, Object>> ports = at(defaults.named("Service", FULLNAME), "spec", "ports");
        assertThat(ports).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("port", 8080).containsEntry("targetPort", "http"));
    }

    @Test
    void theServiceMonitorScrapesTheManagementPortThroughAHeadlessMetricsService() {
        Map<String, Object> metrics = production.named("Service", FULLNAME + "-metrics");
        assertThat((String) at(metrics, "spec", "clusterIP")).isEqualTo("None");
        assertThat((Object) at(metrics, "spec", "ports")).isEqualTo(List.of(Map.of("name", "management", "port", 8081,
                "targetPort", "management")));

        Map<String, Object> monitor = production.named("ServiceMonitor", FULLNAME);
        Map<String, String> selector = at(monitor, "spec", "selector", "matchLabels");
        Map<String, String> metricsLabels = at(metrics, "metadata", "labels");
        Map<String, String> apiLabels = at(production.named("Service", FULLNAME), "metadata", "labels");
        assertThat(metricsLabels).containsAllEntriesOf(selector);
        assertThat(apiLabels).as("the API Service must not be scraped").doesNotContainEntry(
                "app.kubernetes.io/component", selector.get("app.kubernetes.io/component"));
        assertThat((Object) at(monitor, "spec", "endpoints")).isEqualTo(List.of(Map.of("port", "management",
                "path", "/actuator/prometheus", "interval", "30s")));
        assertThat((String) at(monitor, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
    }

    @Test
    void byDefaultTheNetworkPolicyOpensTheManagementPortOnlyToTheMonitoringNamespace() {
        List<Map<String, Object>> ingress = at(defaults.named("NetworkPolicy", FULLNAME), "spec", "ingress");
        assertThat(ingress).hasSize(2);
        assertThat((Object) at(ingress, 0, "ports")).isEqualTo(List.of(Map.of("port", "http")));
        assertThat((Object) at(ingress, 0, "from")).as("the API is open to the release's namespace only by default")
                .isEqualTo(List.of(Map.of("podSelector", Map.of())));
        assertThat((Object) at(ingress, 1, "ports")).isEqualTo(List.of(Map.of("port", "management")));
        assertThat((String) at(ingress, 1, "from", 0, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                .isEqualTo("monitoring");
    }

    @Test
    void egressIsOnlyDnsTheDatabaseGongAndWithSsoTheIdentityProviderOnTheirPorts() {
        Map<String, Object> policy = defaults.named("NetworkPolicy", FULLNAME);
        assertThat((List<String>) at(policy, "spec", "policyTypes")).containsExactly("Ingress", "Egress");
        List<Map<String, Object>> egress = at(policy, "spec", "egress");
        assertThat(egress).hasSize(3);
        assertThat((String) at(egress, 0, "to", 0, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")).isEqualTo("kube-system");
        assertThat((Object) at(egress, 0, "ports")).isEqualTo(List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP")));
        assertThat((Object) at(egress, 1)).isEqualTo(Map.of("ports", List.of(Map.of("port", 5432, "protocol", "TCP"))));
        assertThat((Object) at(egress, 2)).isEqualTo(Map.of("ports", List.of(Map.of("port", 443, "protocol", "TCP"))));

        HelmChart.Manifests narrowed = HelmChart.template(t -> t.withValuesFile(HelmChart.PRODUCTION_VALUES)
                .set("networkPolicy.egress.database.cidrs[0]", "10.20.0.0/24")
                .set("networkPolicy.egress.gong.cidrs[0]", "203.0.113.0/24")
                .set("networkPolicy.egress.identityProvider.cidrs[0]", "198.51.100.7/32"));
        List<Map<String, Object>> rules = at(narrowed.named("NetworkPolicy", FULLNAME), "spec", "egress");
        assertThat(rules).as("with the portals' callbacks").hasSize(5);
        assertThat((Object) at(rules, 1, "to")).isEqualTo(List.of(Map.of("ipBlock", Map.of("cidr", "10.20.0.0/24"))));
        assertThat((Object) at(rules, 2, "to")).isEqualTo(List.of(Map.of("ipBlock", Map.of("cidr", "203.0.113.0/24"))));
        assertThat((Object) at(rules, 3, "to")).as("the identity provider, for SSO tokens")
                .isEqualTo(List.of(Map.of("ipBlock", Map.of("cidr", "198.51.100.7/32"))));
        assertThat((Object) at(rules, 4, "ports")).as("the portals' callbacks").isEqualTo(List.of(Map.of("port", 443, "protocol", "TCP")));

        HelmChart.Manifests open = HelmChart.template(t -> t.set("networkPolicy.egress.enabled", "false"));
        assertThat((List<String>) at(open.named("NetworkPolicy", FULLNAME), "spec", "policyTypes")).containsExactly("Ingress");
    }

    @Test
    void theConsolesSignInIsConfiguredWithItsClientSecretFromASecret() {
        assertThat(defaults.settings()).doesNotContainKey("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SSO_ISSUERURI");

        HelmChart.Manifests rendered = HelmChart.template(t -> t.set("console.sso.issuerUri", "https://login.example.com/realms/acme")
                .set("console.sso.clientId", "privacy-console")
                .set("console.sso.clientName", "Company SSO")
                .set("console.sso.existingSecret", "privacy-console-sso"));
        assertThat(rendered.settings())
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SSO_ISSUERURI", "https://login.example.com/realms/acme")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENTID", "privacy-console")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_SCOPE", "openid,profile")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENTNAME", "Company SSO")
                .doesNotContainKey("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENTSECRET");
        assertThat(rendered.secretEnv()).containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENTSECRET",
                List.of("privacy-console-sso", "console-client-secret"));
        assertThat((List<Map<String, Object>>) at(rendered.named("NetworkPolicy", FULLNAME), "spec", "egress")).hasSize(4);
        assertThat(production.settings()).as("the sign-in's redirect URI is https behind the ingress, trusted from it alone")
                .containsEntry("SERVER_FORWARDHEADERSSTRATEGY", "native")
                .containsEntry("SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES", "10.42.0.0/16");
        assertThat(defaults.settings()).doesNotContainKeys("SERVER_FORWARDHEADERSSTRATEGY", "SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES");

        assertThatThrownBy(() -> HelmChart.template(t -> t.set("console.sso.issuerUri", "https://login.example.com/realms/acme")))
                .hasMessageContaining("clientId is required");
    }

    @Test
    void prometheusRuleThresholdsComeFromTheValues() {
        HelmChart.Manifests rendered = HelmChart.template(t -> t.set("prometheusRule.enabled", "true")
                .set("prometheusRule.circuitOpenFor", "15m")
                .set("prometheusRule.oldestPendingHours", "48")
                .set("prometheusRule.dailyBudgetUsedPercent", "80")
                .set("prometheusRule.auditEvidenceStaleHours", "72")
                .set("prometheusRule.heldDays", "3"));
        Map<String, Map<String, Object>> rules = rulesByAlert(rendered.named("PrometheusRule", FULLNAME));

        assertThat(rules).containsOnlyKeys("PrivacyRequestsGongCircuitOpen", "PrivacyRequestsGongCredentialsRejected",
                "PrivacyRequestsGongMisconfigured", "PrivacyRequestsDispatcherStandingDown", "PrivacyRequestsOldestPendingTooOld", "PrivacyRequestsOverdue", "PrivacyRequestsFailed",
                "PrivacyRequestsGongBudgetNearlySpent", "PrivacyRequestsClientNearDailyQuota", "PrivacyRequestsAuditBroken",
                "PrivacyRequestsAuditEvidenceStale", "PrivacyRequestsNeedAttention", "PrivacyRequestsHeldTooLong",
                "PrivacyRequestsNoActiveDispatcher", "PrivacyRequestsAwaitingPersonNearDeadline",
                "PrivacyRequestsCallbacksDeadLettered", "PrivacyRequestsCallbacksBacklog");
        assertThat(rules.get("PrivacyRequestsGongCircuitOpen")).containsEntry("for", "15m");
        assertThat((String) rules.get("PrivacyRequestsOldestPendingTooOld").get("expr")).endsWith("> 48 * 3600");
        assertThat((String) rules.get("PrivacyRequestsGongBudgetNearlySpent").get("expr")).endsWith("> 80");
        assertThat((String) rules.get("PrivacyRequestsClientNearDailyQuota").get("expr")).endsWith("> 80");
        assertThat((String) rules.get("PrivacyRequestsAuditEvidenceStale").get("expr")).endsWith("> 72 * 3600");
        assertThat((String) rules.get("PrivacyRequestsHeldTooLong").get("expr")).endsWith("> 3 * 86400");
    }

    @Test
    void theDashboardConfigMapCarriesTheChartsDashboardForGrafanasSidecar() throws IOException {
        Map<String, Object> dashboard = production.named("ConfigMap", FULLNAME + "-dashboard");
        assertThat((String) at(dashboard, "metadata", "labels", "grafana_dashboard")).isEqualTo("1");
        String json = Files.readString(HelmChart.CHART.resolve("dashboards/privacy-requests.json"));
        assertThat((String) at(dashboard, "data", "privacy-requests.json")).isEqualTo(json.strip());
    }

    @Test
    void theDashboardAndTheAlertsQueryOnlyMetricsTheServiceExports() throws IOException {
        List<String> queries = new ArrayList<>();
        Map<String, Object> dashboard = new Yaml().load(Files.readString(HelmChart.CHART.resolve("dashboards/privacy-requests.json")));
        List<Map<String, Object>> panels = at(dashboard, "panels");
        for (Map<String, Object> panel : panels) {
            List<Map<String, Object>> targets = at(panel, "targets");
            targets.forEach(target -> queries.add((String) target.get("expr")));
        }
        rulesByAlert(production.named("PrometheusRule", FULLNAME)).values()
                .forEach(rule -> queries.add((String) rule.get("expr")));

        Set<String> used = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = METRIC_NAME.matcher(query);
            while (metric.find()) {
                used.add(metric.group());
            }
        }
        assertThat(used).isSubsetOf(SERVICE_METRICS)
                // Intake, backlog, oldest pending, Gong outcomes and latency, circuit state and budget are on show.
                .contains("privacy_requests_received_total", "privacy_requests_backlog",
                        "privacy_requests_oldest_pending_age_seconds", "gong_calls_total",
                        "gong_call_duration_seconds_bucket", "resilience4j_circuitbreaker_state",
                        "gong_daily_budget_used_calls");
    }

    private static Map<String, Map<String, Object>> rulesByAlert(Map<String, Object> prometheusRule) {
        List<Map<String, Object>> groups = at(prometheusRule, "spec", "groups");
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Map<String, Object> group : groups) {
            List<Map<String, Object>> groupRules = at(group, "rules");
            for (Map<String, Object> rule : groupRules) {
                rules.put((String) rule.get("alert"), rule);
            }
        }
        return rules;
    }
}
