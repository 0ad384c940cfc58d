package com.acme.privacy.gong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identifiers travel in the query string, so Gong's base URL must be https, or plain http only where allowed. */
class GongPropertiesTest {

    private static GongProperties at(String baseUrl, String customerBaseUrl, boolean allowPlainHttp) {
        return new GongProperties(URI.create(baseUrl), "k", "s", null, customerBaseUrl == null ? null : URI.create(customerBaseUrl),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 3, 10_000, allowPlainHttp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.gong.io", "https://company-17.api.gong.io/", "http://localhost:8089",
            "http://127.0.0.1:8089", "http://[::1]:8089"})
    void acceptsHttpsAndPlainHttpToThisMachine(String baseUrl) {
        assertThat(at(baseUrl, null, false).baseUrl()).isEqualTo(URI.create(baseUrl));
        assertThat(at(baseUrl, null, false).sendsInClearOverTheNetwork()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://gong-sandbox:8080", "ftp://api.gong.io", "api.gong.io", "https:///v2",
            "https://user:secret@api.gong.io", "https://api.gong.io/?emailAddress=x", "http://10.0.0.1"})
    void refusesAnythingElseWithoutQuotingIt(String baseUrl) {
        assertThatThrownBy(() -> at(baseUrl, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("privacy.gong.base-url")
                .hasMessageNotContaining(baseUrl);
    }

    @Test
    void checksTheCustomerBaseUrlToo() {
        assertThatThrownBy(() -> at("https://api.gong.io", "http://company-17.api.gong.io", false))
                .hasMessageStartingWith("privacy.gong.customer-base-url");
    }

    @Test
    void plainHttpElsewhereOnlyWhenExplicitlyAllowed() {
        GongProperties sandbox = at("http://gong-sandbox:8080", null, true);
        assertThat(sandbox.sendsInClearOverTheNetwork()).isTrue();
    }
}
