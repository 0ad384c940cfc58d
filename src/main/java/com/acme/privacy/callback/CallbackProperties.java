package com.acme.privacy.callback;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where the portals hear of their requests' changes.
 *
 * @param portals        a callback per portal
 * @param timeout        longest one delivery may take, connection and answer
 * @param firstRetry     wait before the first retry of a failed delivery; it doubles with each further one
 * @param longestRetry   longest wait between two retries
 * @param giveUpAfter    how long after the change deliveries are retried before the event is dead-lettered
 * @param resendInterval how often failed deliveries that are due are sent again
 */
@ConfigurationProperties("privacy.callbacks")
@Validated
public record CallbackProperties(
        @Valid List<Portal> portals,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1m") Duration firstRetry,
        @DefaultValue("6h") Duration longestRetry,
        @DefaultValue("3d") Duration giveUpAfter,
        @DefaultValue("30s") Duration resendInterval) {

    public CallbackProperties {
        portals = portals == null ? List.of() : List.copyOf(portals);
    }

    Optional<Portal> portalOf(String source) {
        return portals.stream().filter(portal -> portal.source().equals(source)).findFirst();
    }

    /**
     * @param source the requests' source: an API client's name, or {@code sso:<name>} for one caller signed in through SSO
     * @param url    where events are POSTed: https, or http to this machine for local runs
     * @param secret the Standard Webhooks signing secret, {@code whsec_} and the base64 of at least 24 random bytes
     */
    public record Portal(@NotBlank String source, @NotNull URI url, @NotBlank String secret) {

        public Portal {
            if (url != null && !"https".equals(url.getScheme()) && !("http".equals(url.getScheme()) && loopback(url.getHost()))) {
                throw new IllegalArgumentException("privacy.callbacks.portals[].url must be https (http only to this machine): "
                        + "callbacks carry the portal's references");
            }
            if (secret != null && WebhookSigner.keyOf(secret).length < 24) {
                throw new IllegalArgumentException("privacy.callbacks.portals[].secret must be whsec_ and the base64 of at "
                        + "least 24 random bytes");
            }
        }

        @Override
        public String toString() {
            return "Portal[source=" + source + ", url=" + url + "]";
        }

        private static boolean loopback(String host) {
            try {
                return host != null && InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
