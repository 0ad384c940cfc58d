package com.acme.privacy.evidence;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.acme.privacy.dispatch.DispatchProperties;
import com.acme.privacy.gong.GongProperties;

/** A throwaway signing key is refused wherever throwaway identifier keys are. */
class ThrowawayEvidenceKeysTest {

    private static final EvidenceProperties THROWAWAY_KEY = new EvidenceProperties(null, null, true, Duration.ofDays(1), Duration.ofDays(1));
    private static final EvidenceProperties REAL_KEY = new EvidenceProperties(Map.of("e1", "key"), "e1", true, Duration.ofDays(1),
            Duration.ofDays(1));

    private static DispatchProperties dispatch(boolean enabled) {
        return new Binder(new MapConfigurationPropertySource(Map.of("privacy.dispatch.enabled", String.valueOf(enabled))))
                .bindOrCreate("privacy.dispatch", DispatchProperties.class);
    }

    private static GongProperties gongAt(String baseUrl) {
        return new GongProperties(URI.create(baseUrl), "key", "secret", null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), 3,
                10_000, true);
    }

    @Test
    void aThrowawaySigningKeyIsOnlyForASandboxOnThisMachineOrWithoutDispatch() {
        assertThatThrownBy(() -> ThrowawayEvidenceKeys.check(THROWAWAY_KEY, dispatch(true), gongAt("https://api.gong.io")))
                .hasMessageContaining("privacy.evidence.ephemeral-keys is for local runs only");
        assertThatThrownBy(() -> ThrowawayEvidenceKeys.check(THROWAWAY_KEY, dispatch(true), gongAt("http://gong-sandbox:8080")))
                .hasMessageContaining("privacy.evidence.ephemeral-keys is for local runs only");
        assertThatCode(() -> ThrowawayEvidenceKeys.check(THROWAWAY_KEY, dispatch(true), gongAt("http://localhost:8089")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ThrowawayEvidenceKeys.check(THROWAWAY_KEY, dispatch(false), gongAt("https://api.gong.io")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ThrowawayEvidenceKeys.check(REAL_KEY, dispatch(true), gongAt("https://api.gong.io")))
                .doesNotThrowAnyException();
    }
}
