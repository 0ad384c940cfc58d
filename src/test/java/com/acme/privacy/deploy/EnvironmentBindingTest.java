package com.acme.privacy.deploy;

import static com.acme.privacy.deploy.HelmChart.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import com.acme.privacy.dispatch.DispatchProperties;
import com.acme.privacy.erasure.ErasureProperties;
import com.acme.privacy.evidence.EvidenceProperties;
import com.acme.privacy.gong.GongProperties;
import com.acme.privacy.pii.PiiProperties;
import com.acme.privacy.quota.QuotaProperties;
import com.acme.privacy.retention.RetentionProperties;
import com.acme.privacy.security.AccessControlProperties;
import com.acme.privacy.security.Role;

/**
 * The environment variables that the chart and the compose file set reach the service's properties, bound the way
 * Spring Boot binds the real environment. A misspelt name would leave a default in place, so the values checked
 * differ from the defaults.
 */
class EnvironmentBindingTest {

    @Test
    void theChartsSettingsBind() {
        Binder binder = binderFor(HelmChart.template(t -> t.set("gong.accessKey", "k")
                .set("gong.accessKeySecret", "s")
                .set("gong.connectTimeout", "2s")
                .set("gong.readTimeout", "20s")
                .set("dispatch.enabled", "false")
                .set("dispatch.callsPerSecond", "1.5")
                .set("dispatch.dailyBudget", "4000")
                .set("dispatch.lease", "2m")
                .set("dispatch.maxAttempts", "7")
                .set("dispatch.failoverTimeout", "20s")
                .set("dispatch.misconfigurationRetryInterval", "2m")
                .set("dispatch.pace.decreaseFactor", "0.6")
                .set("dispatch.pace.ceilingFactor", "0.8")
                .set("dispatch.pace.increasePerSuccess", "0.02")
                .set("dispatch.pace.ceilingRecovery", "2h")
                .set("gong.maxCallsPerSecond", "4")
                .set("gong.maxCallsPerDay", "20000")
                .set("gong.allowPlainHttp", "true")
                .set("dispatch.shutdownGraceSeconds", "20")
                .set("dispatch.completionCheck.enabled", "false")
                .set("dispatch.completionCheck.delay", "12h")
                .set("dispatch.completionCheck.retryInterval", "30m")
                .set("dispatch.completionCheck.maxBudgetShare", "0.25")
                .set("erasure.otherRegulationDeadline", "20d")
                .set("evidence.anchorInterval", "12h")
                .set("evidence.verificationInterval", "6h")
                .set("retention.enabled", "false")
                .set("retention.purgeAfter", "14d")
                .set("retention.anonymiseAfter", "P30M")
                .set("security.jwt.rolesClaim", "groups")
                .set("security.jwt.nameClaim", "email")
                .set("security.jwt.clockSkew", "10s")
                .set("security.jwt.roleClaims.admin[0]", "Privacy-Admins")
                .set("security.jwt.roleClaims.admin[1]", "dpo")
                .set("security.jwt.accessTokenTypes[0]", "JWT")
                .set("security.jwt.accessTokenClaim.name", "typ")
                .set("security.jwt.accessTokenClaim.value", "Bearer")
                .set("logging.structuredFormat", "logstash")));

        GongProperties gong = binder.bind("privacy.gong", GongProperties.class).get();
        assertThat(gong.accessKey()).isEqualTo(secretValue("PRIVACY_GONG_ACCESS_KEY"));
        assertThat(gong.accessKeySecret()).isEqualTo(secretValue("PRIVACY_GONG_ACCESS_KEY_SECRET"));
        assertThat(gong.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(gong.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(gong.maxCallsPerSecond()).isEqualTo(4);
        assertThat(gong.maxCallsPerDay()).isEqualTo(20_000);
        assertThat(gong.allowPlainHttp()).isTrue();

        DispatchProperties dispatch = binder.bind("privacy.dispatch", DispatchProperties.class).get();
        assertThat(dispatch.enabled()).isFalse();
        assertThat(dispatch.callsPerSecond()).isEqualTo(1.5);
        assertThat(dispatch.dailyBudget()).isEqualTo(4000);
        assertThat(dispatch.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(dispatch.maxAttempts()).isEqualTo(7);
        assertThat(dispatch.failoverTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(dispatch.misconfigurationRetryInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(dispatch.pace()).isEqualTo(new DispatchProperties.Pace(0.6, 0.8, 0.02, Duration.ofHours(2)));
        assertThat(dispatch.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(dispatch.completionCheck()).isEqualTo(
                new DispatchProperties.CompletionCheck(false, Duration.ofHours(12), Duration.ofMinutes(30), 0.25, 6));

        ErasureProperties erasure = binder.bind("privacy.erasure", ErasureProperties.class).get();
        assertThat(erasure.otherRegulationDeadline()).isEqualTo(Duration.ofDays(20));
        EvidenceProperties evidence = binder.bind("privacy.evidence", EvidenceProperties.class).get();
        assertThat(evidence.anchorInterval()).isEqualTo(Duration.ofHours(12));
        assertThat(evidence.verificationInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(evidence.activeKeyId()).isEqualTo("e2026");
        assertThat(binder.bind("privacy.retention", RetentionProperties.class).get())
                .isEqualTo(new RetentionProperties(false, Period.ofDays(14), Period.ofMonths(30)));
        AccessControlProperties access = binder.bind("privacy.security", AccessControlProperties.class).get();
        assertThat(access.jwt().rolesClaim()).isEqualTo("groups");
        assertThat(access.jwt().nameClaim()).isEqualTo("email");
        assertThat(access.jwt().clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(access.jwt().roleClaims().admin()).containsExactlyInAnyOrder("Privacy-Admins", "dpo");
        assertThat(access.jwt().roleClaims().viewer()).containsExactly("privacy-viewer");
        assertThat(access.jwt().accessTokenTypes()).containsExactly("JWT");
        assertThat(access.jwt().accessTokenClaim()).isEqualTo(new AccessControlProperties.AccessTokenClaim("typ", "Bearer"));
        assertThat(binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).get())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(binder.bind("management.server.port", Integer.class).get()).isEqualTo(8081);
        assertThat(binder.bind("logging.structured.format.console", String.class).get()).isEqualTo("logstash");
    }

    @Test
    void theProductionValuesSecretsAndListsBind() {
        Binder binder = binderFor(HelmChart.template(t -> t.withValuesFile(HelmChart.PRODUCTION_VALUES)));

        PiiProperties pii = binder.bind("privacy.pii", PiiProperties.class).get();
        // The key id comes from the env var's name, lower-cased by Spring.
        assertThat(pii.encryptionKeys()).containsOnlyKeys("k2026", "k2027")
                .containsEntry("k2027", secretValue("PRIVACY_PII_ENCRYPTIONKEYS_K2027"));
        assertThat(pii.activeKeyId()).isEqualTo("k2027");
        assertThat(pii.hashKey()).isEqualTo(secretValue("PRIVACY_PII_HASH_KEY"));
        EvidenceProperties evidence = binder.bind("privacy.evidence", EvidenceProperties.class).get();
        assertThat(evidence.signingKeys()).containsOnlyKeys("e2026", "e2027")
                .containsEntry("e2027", secretValue("PRIVACY_EVIDENCE_SIGNINGKEYS_E2027"));
        assertThat(evidence.activeKeyId()).isEqualTo("e2027");
        assertThat(binder.bind("privacy.retention", RetentionProperties.class).get())
                .isEqualTo(new RetentionProperties(true, Period.ofDays(14), Period.ofYears(2)));

        GongProperties gong = binder.bind("privacy.gong", GongProperties.class).get();
        assertThat(gong.bearerToken()).isEqualTo(secretValue("PRIVACY_GONG_BEARER_TOKEN"));
        assertThat(gong.customerBaseUrl()).isEqualTo(URI.create("https://company-17.api.gong.io"));

        AccessControlProperties access = binder.bind("privacy.security", AccessControlProperties.class).get();
        assertThat(access.apiKeys()).extracting(AccessControlProperties.ApiKey::client)
                .containsExactly("crm-portal", "compliance-desk");
        assertThat(access.apiKeys().get(1).roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.ADMIN);
        assertThat(access.apiKeys().get(1).sha256()).isEqualTo(secretValue("PRIVACY_SECURITY_APIKEYS_1_SHA256"));
        assertThat(binder.bind("spring.security.oauth2.resourceserver.jwt.issuer-uri", String.class).get())
                .isEqualTo("https://login.example.com/realms/acme");
        assertThat(binder.bind("spring.security.oauth2.resourceserver.jwt.audiences", Bindable.listOf(String.class)).get())
                .containsExactly("privacy-requests");
    }

    @Test
    void quotasBindForEveryClientAndForTheOnesWithTheirOwn() {
        Binder binder = binderFor(HelmChart.template(t -> t.set("quota.perSecond", "20")
                .set("quota.perDay", "3000")
                .set("quota.sso.perSecond", "0.5")
                .set("quota.sso.perDay", "100")
                .set("apiKeys.clients[0].client", "bulk-import")
                .set("apiKeys.clients[0].roles[0]", "SUBMITTER")
                .set("apiKeys.clients[0].sha256", "0123456789abcdef".repeat(4))
                .set("apiKeys.clients[0].perSecond", "100")
                .set("apiKeys.clients[0].perDay", "20000")
                .set("apiKeys.clients[1].client", "crm-portal")
                .set("apiKeys.clients[1].roles[0]", "SUBMITTER")
                .set("apiKeys.clients[1].sha256", "fedcba9876543210".repeat(4))));

        QuotaProperties quota = binder.bind("privacy.quota", QuotaProperties.class).get();
        assertThat(quota.perSecond()).isEqualTo(20);
        assertThat(quota.perDay()).isEqualTo(3000);
        assertThat(quota.sso()).isEqualTo(new QuotaProperties.Limits(0.5, 100));
        assertThat(quota.clients()).containsExactly(new QuotaProperties.ClientQuota("bulk-import", 100.0, 20_000L),
                new QuotaProperties.ClientQuota("crm-portal", null, null));
    }

    @Test
    void theComposeEnvironmentBinds() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Binder binder = binder(at(compose, "services", "app", "environment"));

        PiiProperties pii = binder.bind("privacy.pii", PiiProperties.class).get();
        assertThat(pii.encryptionKeys()).containsOnlyKeys(pii.activeKeyId());
        EvidenceProperties evidence = binder.bind("privacy.evidence", EvidenceProperties.class).get();
        assertThat(evidence.signingKeys()).containsOnlyKeys(evidence.activeKeyId());
        GongProperties gong = binder.bind("privacy.gong", GongProperties.class).get();
        assertThat(gong.baseUrl()).isEqualTo(URI.create("http://gong-sandbox:8080"));
        assertThat(gong.allowPlainHttp()).isTrue();
        assertThat(gong.accessKey()).isNotBlank();
        AccessControlProperties access = binder.bind("privacy.security", AccessControlProperties.class).get();
        assertThat(access.apiKeys()).singleElement()
                .satisfies(key -> assertThat(key.roles()).containsExactlyInAnyOrder(Role.SUBMITTER, Role.VIEWER, Role.ADMIN));
    }

    /** The pods' environment: the settings ConfigMap plus a stand-in value for every variable read from a Secret. */
    private static Binder binderFor(HelmChart.Manifests manifests) {
        Map<String, Object> env = new HashMap<>(manifests.settings());
        for (String name : manifests.secretEnv().keySet()) {
            env.put(name, secretValue(name));
        }
        return binder(env);
    }

    private static Binder binder(Map<String, Object> env) {
        // Only a source with this name gets the environment-variable name mapping.
        return new Binder(ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));
    }

    private static String secretValue(String name) {
        return "secret-of-" + name;
    }
}
