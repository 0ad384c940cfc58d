package com.acme.privacy.deploy;

import static com.acme.privacy.deploy.HelmChart.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Every environment variable the chart can give the pods is a property that README.md documents. */
class HelmEnvironmentTest {

    @Test
    void everyEnvVarTheDeploymentCanSetIsDocumentedInTheReadme() {
        // Between them, the two renders set every optional setting and both kinds of Gong credentials.
        Set<String> names = new TreeSet<>();
        names.addAll(envVarNames(HelmChart.template(t -> t.set("database.password", "p")
                .set("pii.encryptionKeys.k2026", "a".repeat(43) + "=")
                .set("pii.hashKey", "b".repeat(43) + "=")
                .set("evidence.signingKeys.e2026", "c".repeat(64))
                .set("gong.accessKey", "k")
                .set("gong.accessKeySecret", "s"))));
        names.addAll(envVarNames(HelmChart.template(t -> t.withValuesFile(HelmChart.PRODUCTION_VALUES))));
        assertThat(names).contains("DATABASE_PASSWORD", "PRIVACY_GONG_ACCESS_KEY", "PRIVACY_GONG_BEARER_TOKEN",
                "PRIVACY_GONG_CUSTOMER_BASE_URL", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI",
                "PRIVACY_SECURITY_APIKEYS_1_ROLES");

        ReadmeConfiguration readme = ReadmeConfiguration.read(Path.of("README.md"));
        assertThat(readme.isEmpty()).as("README.md has a Configuration table").isFalse();
        assertThat(names.stream().filter(name -> !readme.documents(name)).toList())
                .as("env vars whose property README.md's Configuration table does not document")
                .isEmpty();
    }

    @Test
    void theReadmeCheckIgnoresCaseAndSeparatorsButNothingElse() {
        ReadmeConfiguration table = ReadmeConfiguration.parse(List.of(
                "## Configuration",
                "| Property | Default | Meaning |",
                "|---|---|---|",
                "| `DATABASE_URL` (`spring.datasource.url`) | `jdbc:postgresql://localhost/db` | URL |",
                "| `privacy.pii.encryption-keys.<id>` | none | Keys |",
                "| `privacy.security.api-keys[n].client` | none | Client |",
                "| `privacy.dispatch.calls-per-second` | `2.5` | Pace |",
                "## Layout",
                "| `privacy.elsewhere` | | |"));

        assertThat(table.documents("DATABASE_URL")).isTrue();
        assertThat(table.documents("SPRING_DATASOURCE_URL")).isTrue();
        assertThat(table.documents("PRIVACY_PII_ENCRYPTIONKEYS_K2026")).isTrue();
        assertThat(table.documents("PRIVACY_SECURITY_APIKEYS_0_CLIENT")).isTrue();
        assertThat(table.documents("PRIVACY_DISPATCH_CALLS_PER_SECOND")).isTrue();
        assertThat(table.documents("PRIVACY_DISPATCH_CALLS_PER_MINUTE")).isFalse();
        assertThat(table.documents("PRIVACY_SECURITY_APIKEYS_0_ROLES")).isFalse();
        assertThat(table.documents("PRIVACY_ELSEWHERE")).as("outside the Configuration section").isFalse();
    }

    /** Names from the container's env and from the keys of the ConfigMaps and Secrets in its envFrom. */
    private static Set<String> envVarNames(HelmChart.Manifests manifests) {
        Set<String> names = new TreeSet<>();
        List<Map<String, Object>> env = at(manifests.container(), "env");
        for (Map<String, Object> entry : env == null ? List.<Map<String, Object>>of() : env) {
            names.add((String) entry.get("name"));
        }
        List<Map<String, Object>> envFrom = at(manifests.container(), "envFrom");
        for (Map<String, Object> source : envFrom == null ? List.<Map<String, Object>>of() : envFrom) {
            boolean configMap = source.containsKey("configMapRef");
            String name = at(source, configMap ? "configMapRef" : "secretRef", "name");
            Map<String, Object> data = at(manifests.named(configMap ? "ConfigMap" : "Secret", name), "data");
            names.addAll(data.keySet());
        }
        return names;
    }
}
