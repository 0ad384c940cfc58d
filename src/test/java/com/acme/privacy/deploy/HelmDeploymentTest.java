package com.acme.privacy.deploy;

import static com.acme.privacy.deploy.HelmChart.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pod the chart runs: ports, probes, hardening, shutdown and rollout on configuration changes. */
class HelmDeploymentTest {

    private final HelmChart.Manifests defaults = HelmChart.template();

    @Test
    void listensOnTheApiAndManagementPorts() {
        assertThat((Object) at(defaults.container(), "ports")).isEqualTo(List.of(
                Map.of("name", "http", "containerPort", 8080),
                Map.of("name", "management", "containerPort", 8081)));
        // The app must put actuator on that port; the ConfigMap says so explicitly.
        assertThat(defaults.settings()).containsEntry("MANAGEMENT_SERVER_PORT", "8081");
    }

    @Test
    void probesUseTheHealthGroupsOnTheManagementPort() {
        Map<String, Object> container = defaults.container();
        assertThat((Object) at(container, "livenessProbe", "httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "management"));
        assertThat((Object) at(container, "readinessProbe", "httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "management"));
        assertThat((Object) at(container, "startupProbe", "httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "management"));
    }

    @Test
    void runsAsAFixedNonRootUserWithSeccomp() {
        Map<String, Object> pod = at(defaults.podSpec(), "securityContext");
        assertThat(pod).containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 10001)
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        assertThat(defaults.podSpec()).containsEntry("automountServiceAccountToken", false);
    }

    @Test
    void theContainerCannotGainPrivilegesOrWriteOutsideTmp() {
        Map<String, Object> container = defaults.container();
        Map<String, Object> securityContext = at(container, "securityContext");
        assertThat(securityContext)
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
        assertThat((Object) at(container, "volumeMounts")).isEqualTo(List.of(Map.of("name", "tmp", "mountPath", "/tmp")));
        assertThat((Object) at(defaults.podSpec(), "volumes")).isEqualTo(List.of(Map.of("name", "tmp", "emptyDir", Map.of())));
    }

    @Test
    void terminationGraceCoversTheDispatchersShutdownGraceAndSpringsShutdownPhase() {
        // 30 s for the Gong call under way, 10 s more for Spring's shutdown phase, 5 s for the JVM to exit.
        assertThat(defaults.settings()).containsEntry("PRIVACY_DISPATCH_SHUTDOWN_GRACE", "30s")
                .containsEntry("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "40s");
        assertThat(defaults.podSpec()).containsEntry("terminationGracePeriodSeconds", 45);

        HelmChart.Manifests longer = HelmChart.template(t -> t.set("dispatch.shutdownGraceSeconds", "60"));
        assertThat(longer.settings()).containsEntry("PRIVACY_DISPATCH_SHUTDOWN_GRACE", "60s")
                .containsEntry("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "70s");
        assertThat(longer.podSpec()).containsEntry("terminationGracePeriodSeconds", 75);
    }

    @Test
    void podsRollWhenASettingOrAChartSecretChanges() {
        Map<String, String> before = podAnnotations(HelmChart.template(t -> t.set("database.password", "first")));
        Map<String, String> newSetting = podAnnotations(HelmChart.template(t -> t.set("database.password", "first")
                .set("dispatch.dailyBudget", "4000")));
        Map<String, String> newSecret = podAnnotations(HelmChart.template(t -> t.set("database.password", "second")));

        assertThat(newSetting.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
        assertThat(newSetting.get("checksum/secret")).isEqualTo(before.get("checksum/secret"));
        assertThat(newSecret.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
        assertThat(newSecret.get("checksum/config")).isEqualTo(before.get("checksum/config"));
    }

    private static Map<String, String> podAnnotations(HelmChart.Manifests manifests) {
        return at(manifests.deployment(), "spec", "template", "metadata", "annotations");
    }
}
