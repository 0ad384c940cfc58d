package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.acme.privacy.evidence.EvidenceProperties;
import com.acme.privacy.gong.GongProperties;
import com.acme.privacy.pii.PiiProperties;

/** Throwaway identifier and signing keys: only while dispatching to a sandbox on this machine, or not at all. */
class ThrowawayKeysTest {

    private static final PiiProperties THROWAWAY_PII = new PiiProperties(null, null, null, "h1", null, true);
    private static final PiiProperties REAL_PII = new PiiProperties(Map.of("k", "a".repeat(43) + "="), "k", "b".repeat(43) + "=", "h1",
            null, true);
    private static final EvidenceProperties THROWAWAY_SIGNING = new EvidenceProperties(null, null, true, Duration.ofDays(1),
            Duration.ofDays(1));
    private static final EvidenceProperties REAL_SIGNING = new EvidenceProperties(Map.of("e1", "key"), "e1", true, Duration.ofDays(1),
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
    void throwawayIdentifierKeysAreOnlyForASandboxOnThisMachineOrWithoutDispatch() {
        for (String elsewhere : new String[] {"https://api.gong.io", "http://gong-sandbox:8080"}) {
            assertThatThrownBy(() -> ThrowawayKeys.check(THROWAWAY_PII, REAL_SIGNING, dispatch(true), gongAt(elsewhere)))
                    .hasMessageContaining("privacy.pii.ephemeral-keys is for local runs only");
        }
        assertThatCode(() -> ThrowawayKeys.check(THROWAWAY_PII, REAL_SIGNING, dispatch(true), gongAt("http://localhost:8089")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ThrowawayKeys.check(THROWAWAY_PII, REAL_SIGNING, dispatch(false), gongAt("https://api.gong.io")))
                .doesNotThrowAnyException();
    }

    @Test
    void aThrowawaySigningKeyIsOnlyForASandboxOnThisMachineOrWithoutDispatch() {
        for (String elsewhere : new String[] {"https://api.gong.io", "http://gong-sandbox:8080"}) {
            assertThatThrownBy(() -> ThrowawayKeys.check(REAL_PII, THROWAWAY_SIGNING, dispatch(true), gongAt(elsewhere)))
                    .hasMessageContaining("privacy.evidence.ephemeral-keys is for local runs only");
        }
        assertThatCode(() -> ThrowawayKeys.check(REAL_PII, THROWAWAY_SIGNING, dispatch(true), gongAt("http://localhost:8089")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ThrowawayKeys.check(REAL_PII, THROWAWAY_SIGNING, dispatch(false), gongAt("https://api.gong.io")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ThrowawayKeys.check(REAL_PII, REAL_SIGNING, dispatch(true), gongAt("https://api.gong.io")))
                .doesNotThrowAnyException();
    }
}
