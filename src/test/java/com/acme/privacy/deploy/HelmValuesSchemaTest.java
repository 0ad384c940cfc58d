package com.acme.privacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** values.schema.json turns typos and out-of-range settings into install errors instead of silent defaults. */
class HelmValuesSchemaTest {

    @Test
    void rejectsAMisspelledTopLevelKey() {
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("replicaCont", "3")))
                .hasMessageContaining("additional properties 'replicaCont' not allowed");
    }

    @Test
    void rejectsAMisspelledNestedKey() {
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("dispatch.callsPerSecnd", "2")))
                .hasMessageContaining("callsPerSecnd");
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("gong.secretKeys.acessKey", "key")))
                .hasMessageContaining("acessKey");
    }

    @Test
    void rejectsARateAboveGongsLimitForTheCompany() {
        // --set passes 3.5 as a string and 5 as an integer: both forms are compared.
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("dispatch.callsPerSecond", "3.5")))
                .hasMessageContaining("dispatch.callsPerSecond must not exceed gong.maxCallsPerSecond");
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("dispatch.callsPerSecond", "5")))
                .hasMessageContaining("dispatch.callsPerSecond must not exceed gong.maxCallsPerSecond");
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("dispatch.callsPerSecond", "0")))
                .hasMessageContaining("callsPerSecond");
    }

    @Test
    void rejectsADailyBudgetAboveGongsLimitForTheCompany() {
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("dispatch.dailyBudget", "10001")))
                .hasMessageContaining("dispatch.dailyBudget must not exceed gong.maxCallsPerDay");
    }

    @Test
    void acceptsGongsLimitsThemselvesAndHigherOnesWhenGongRaisedThem() {
        HelmChart.Manifests rendered = HelmChart.template(t -> t.set("dispatch.callsPerSecond", "3")
                .set("dispatch.dailyBudget", "10000"));
        assertThat(rendered.settings()).containsEntry("PRIVACY_DISPATCH_CALLS_PER_SECOND", "3")
                .containsEntry("PRIVACY_DISPATCH_DAILY_BUDGET", "10000");
        HelmChart.Manifests raised = HelmChart.template(t -> t.set("gong.maxCallsPerSecond", "10").set("gong.maxCallsPerDay", "50000")
                .set("dispatch.callsPerSecond", "8.5").set("dispatch.dailyBudget", "40000"));
        assertThat(raised.settings()).containsEntry("PRIVACY_GONG_MAX_CALLS_PER_SECOND", "10")
                .containsEntry("PRIVACY_DISPATCH_CALLS_PER_SECOND", "8.5");
    }

    @Test
    void rejectsValuesTheServiceCouldNotUse() {
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("gong.auth", "oauth"))).hasMessageContaining("auth");
        // Spring lower-cases the key id taken from an env var name, so an upper-case id would never match.
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("pii.activeKeyId", "K2026"))).hasMessageContaining("activeKeyId");
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("pii.encryptionKeys.k2026", "too-short")))
                .hasMessageContaining("encryptionKeys");
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("apiKeys.clients[0].client", "crm-portal")
                .set("apiKeys.clients[0].roles[0]", "OWNER"))).hasMessageContaining("roles");
    }

    @Test
    void refusesSsoWithoutAnIssuerAndAnAudience() {
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("security.jwt.issuerUri", "https://login.example.com/realms/acme")))
                .hasMessageContaining("issuerUri and audiences are both required");
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("security.jwt.jwkSetUri", "https://login.example.com/certs")
                .set("security.jwt.audiences[0]", "privacy-requests")))
                .hasMessageContaining("issuerUri and audiences are both required");
    }

    @Test
    void rejectsAnActiveKeyIdWithoutAKey() {
        assertThatThrownBy(() -> HelmChart.template(t -> t.set("pii.activeKeyId", "k2027")))
                .hasMessageContaining("pii.activeKeyId must be one of pii.keyIds");
    }
}
