package com.acme.privacy.deploy;

import static com.acme.privacy.deploy.HelmChart.FULLNAME;
import static com.acme.privacy.deploy.HelmChart.at;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Secrets reach the pods only through Secrets: the chart's own, or existing ones named in the values. */
class HelmSecretsTest {

    // Distinctive values, so that finding one outside the Secret means it leaked; valid for the values schema.
    private static final Map<String, String> SECRET_VALUES = Map.of(
            "database.password", "db-password-known-to-this-test",
            "pii.encryptionKeys.k2026", base64("encryption-key-known-to-test-32b"),
            "pii.hashKey", base64("hash-key-known-to-this-test-32by"),
            "evidence.signingKeys.e2026", base64("signing-key-known-to-this-test-ed25519-48-bytes!"),
            "gong.accessKey", "gong-access-key-known-to-this-test",
            "gong.accessKeySecret", "gong-access-key-secret-known-to-this-test",
            "apiKeys.clients[0].sha256", "0123456789abcdef".repeat(4));

    private final HelmChart.Manifests withSecretValues = HelmChart.template(t -> {
        SECRET_VALUES.forEach(t::set);
        return t.set("apiKeys.clients[0].client", "crm-portal").set("apiKeys.clients[0].roles[0]", "SUBMITTER");
    });

    @Test
    void secretValuesAppearInTheChartsSecretAndNowhereElse() {
        Map<String, String> data = at(withSecretValues.named("Secret", FULLNAME), "data");
        List<String> decoded = data.values().stream().map(value -> new String(Base64.getDecoder().decode(value), UTF_8)).toList();
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(SECRET_VALUES.values());

        for (Map<String, Object> object : withSecretValues.objects()) {
            if (!"Secret".equals(object.get("kind"))) {
                String text = new Yaml().dump(object);
                assertThat(SECRET_VALUES.values()).as("secrets in %s %s", object.get("kind"), at(object, "metadata", "name"))
                        .noneMatch(text::contains);
            }
        }
    }

    @Test
    void everySecretEnvVarReadsItsKeyFromTheChartsSecret() {
        assertThat(withSecretValues.secretEnv()).isEqualTo(Map.of(
                "DATABASE_PASSWORD", List.of(FULLNAME, "password"),
                "PRIVACY_PII_ENCRYPTIONKEYS_K2026", List.of(FULLNAME, "encryption-key-k2026"),
                "PRIVACY_PII_HASH_KEY", List.of(FULLNAME, "hash-key"),
                "PRIVACY_EVIDENCE_SIGNINGKEYS_E2026", List.of(FULLNAME, "signing-key-e2026"),
                "PRIVACY_GONG_ACCESS_KEY", List.of(FULLNAME, "access-key"),
                "PRIVACY_GONG_ACCESS_KEY_SECRET", List.of(FULLNAME, "access-key-secret"),
                "PRIVACY_SECURITY_APIKEYS_0_SHA256", List.of(FULLNAME, "sha256-crm-portal")));
        Map<String, String> data = at(withSecretValues.named("Secret", FULLNAME), "data");
        assertThat(data).containsOnlyKeys("password", "encryption-key-k2026", "hash-key", "signing-key-e2026", "access-key",
                "access-key-secret", "sha256-crm-portal");
        // An API key's client and roles are settings; only its hash is secret.
        assertThat(withSecretValues.settings()).containsEntry("PRIVACY_SECURITY_APIKEYS_0_CLIENT", "crm-portal")
                .containsEntry("PRIVACY_SECURITY_APIKEYS_0_ROLES", "SUBMITTER")
                .doesNotContainKeys(withSecretValues.secretEnv().keySet().toArray(String[]::new));
    }

    @Test
    void existingSecretsAreReferencedByTheirNamesAndKeys() {
        HelmChart.Manifests production = HelmChart.template(t -> t.withValuesFile(HelmChart.PRODUCTION_VALUES));

        assertThat(production.ofKind("Secret")).isEmpty();
        assertThat(production.secretEnv()).isEqualTo(Map.ofEntries(
                Map.entry("DATABASE_PASSWORD", List.of("privacy-db", "db-password")),
                Map.entry("PRIVACY_PII_ENCRYPTIONKEYS_K2026", List.of("privacy-pii", "aes-k2026")),
                Map.entry("PRIVACY_PII_ENCRYPTIONKEYS_K2027", List.of("privacy-pii", "aes-k2027")),
                Map.entry("PRIVACY_PII_HASH_KEY", List.of("privacy-pii", "hmac")),
                Map.entry("PRIVACY_EVIDENCE_SIGNINGKEYS_E2026", List.of("privacy-evidence", "ed25519-e2026")),
                Map.entry("PRIVACY_EVIDENCE_SIGNINGKEYS_E2027", List.of("privacy-evidence", "ed25519-e2027")),
                Map.entry("PRIVACY_GONG_BEARER_TOKEN", List.of("privacy-gong", "oauth-token")),
                Map.entry("PRIVACY_SECURITY_APIKEYS_0_SHA256", List.of("privacy-api-keys", "key-hash-crm-portal")),
                Map.entry("PRIVACY_SECURITY_APIKEYS_1_SHA256", List.of("privacy-api-keys", "key-hash-compliance-desk")),
                Map.entry("PRIVACY_CALLBACKS_PORTALS_0_SECRET", List.of("privacy-callback-secrets", "callback-secret-crm-portal")),
                Map.entry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENTSECRET", List.of("privacy-console-sso", "console-client-secret"))));
    }

    @Test
    void eachGroupChoosesBetweenAnExistingSecretAndTheChartsSecret() {
        HelmChart.Manifests mixed = HelmChart.template(t -> t.set("database.existingSecret", "privacy-db")
                .set("gong.accessKey", "gong-access-key-known-to-this-test")
                .set("gong.accessKeySecret", "gong-access-key-secret-known-to-this-test"));

        assertThat(mixed.secretEnv()).isEqualTo(Map.of(
                "DATABASE_PASSWORD", List.of("privacy-db", "password"),
                "PRIVACY_GONG_ACCESS_KEY", List.of(FULLNAME, "access-key"),
                "PRIVACY_GONG_ACCESS_KEY_SECRET", List.of(FULLNAME, "access-key-secret")));
        Map<String, String> data = at(mixed.named("Secret", FULLNAME), "data");
        assertThat(data).containsOnlyKeys("access-key", "access-key-secret");
    }

    @Test
    void anUnsetSecretIsLeftOutSoTheServiceReportsItMissing() {
        // An env var set to "" would bind as an empty key instead of failing startup with a clear message.
        assertThat(HelmChart.template().secretEnv()).isEmpty();
    }

    @Test
    void anApiKeyClientWithoutItsHashIsRefused() {
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("apiKeys.clients[0].client", "crm-portal")
                .set("apiKeys.clients[0].roles[0]", "VIEWER")))
                .hasMessageContaining("apiKeys.clients[0] (crm-portal) needs a sha256");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }
}
