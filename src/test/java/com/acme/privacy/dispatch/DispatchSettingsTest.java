package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.privacy.gong.GongProperties;
import com.acme.privacy.pii.PiiProperties;

/** Settings the service refuses to start with. */
class DispatchSettingsTest {

    private static final PiiProperties THROWAWAY_KEYS = new PiiProperties(null, null, null, "h1", null, true);
    private static final PiiProperties REAL_KEYS = new PiiProperties(Map.of("k", "a".repeat(43) + "="), "k", "b".repeat(43) + "=", "h1", null, true);

    private static GongProperties gongAt(String baseUrl) {
        return new GongProperties(URI.create(baseUrl), "key", "secret", null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), 3,
                10_000, true);
    }

    @Test
    void throwawayKeysAreOnlyForASandboxOnThisMachine() {
        assertThatThrownBy(() -> DispatchConfiguration.checkSettings(OutcomePolicyTest.PROPERTIES, gongAt("https://api.gong.io"), THROWAWAY_KEYS))
                .hasMessageContaining("privacy.pii.ephemeral-keys is for local runs only");
        assertThatThrownBy(() -> DispatchConfiguration.checkSettings(OutcomePolicyTest.PROPERTIES, gongAt("http://gong-sandbox:8080"), THROWAWAY_KEYS))
                .hasMessageContaining("privacy.pii.ephemeral-keys is for local runs only");
        assertThatCode(() -> DispatchConfiguration.checkSettings(OutcomePolicyTest.PROPERTIES, gongAt("http://localhost:8089"), THROWAWAY_KEYS))
                .doesNotThrowAnyException();
        assertThatCode(() -> DispatchConfiguration.checkSettings(OutcomePolicyTest.PROPERTIES, gongAt("https://api.gong.io"), REAL_KEYS))
                .doesNotThrowAnyException();
    }
}
