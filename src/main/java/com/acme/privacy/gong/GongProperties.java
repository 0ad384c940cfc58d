package com.acme.privacy.gong;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * How to reach Gong. Either Basic auth ({@code accessKey} + {@code accessKeySecret}) or an OAuth bearer token, in
 * which case calls go to the token's {@code customerBaseUrl} ({@code api_base_url_for_customer}).
 *
 * @param baseUrl           Gong's API for Basic auth
 * @param accessKey         Basic auth: the access key
 * @param accessKeySecret   Basic auth: the access key's secret
 * @param bearerToken       OAuth access token, used instead of Basic auth
 * @param customerBaseUrl   {@code api_base_url_for_customer} of the OAuth token; calls go there with the bearer token
 * @param connectTimeout    TCP connect timeout for Gong calls
 * @param readTimeout       how long to wait for Gong's answer; plus one second, it bounds the whole exchange
 * @param maxCallsPerSecond the company's contract with Gong (3/s unless Gong raised it); shared with other integrations
 * @param maxCallsPerDay    the company's daily limit at Gong (10,000 unless Gong raised it)
 * @param allowPlainHttp    accept an {@code http} base URL that is not loopback, e.g. a sandbox in a compose stack
 */
@ConfigurationProperties("privacy.gong")
@Validated
public record GongProperties(
        @DefaultValue("https://api.gong.io") URI baseUrl,
        String accessKey,
        String accessKeySecret,
        String bearerToken,
        URI customerBaseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("3") @DecimalMin(value = "0", inclusive = false) double maxCallsPerSecond,
        @DefaultValue("10000") @Min(1) int maxCallsPerDay,
        @DefaultValue("false") boolean allowPlainHttp) {

    public GongProperties {
        requireUsable("privacy.gong.base-url", baseUrl, allowPlainHttp);
        if (customerBaseUrl != null) {
            requireUsable("privacy.gong.customer-base-url", customerBaseUrl, allowPlainHttp);
        }
    }

    boolean usesBearerToken() {
        return bearerToken != null && !bearerToken.isBlank();
    }

    boolean usesBasicAuth() {
        return accessKey != null && !accessKey.isBlank() && accessKeySecret != null && !accessKeySecret.isBlank();
    }

    URI effectiveBaseUrl() {
        return usesBearerToken() && customerBaseUrl != null ? customerBaseUrl : baseUrl;
    }

    /** Whether calls go to this machine only: a local sandbox, never Gong. */
    public boolean pointsAtThisMachine() {
        return isLoopback(effectiveBaseUrl().getHost());
    }

    /** Whether a base URL in plain http points elsewhere than this machine; the service warns about it at start. */
    public boolean sendsInClearOverTheNetwork() {
        return "http".equalsIgnoreCase(effectiveBaseUrl().getScheme()) && !isLoopback(effectiveBaseUrl().getHost());
    }

    /**
     * The identifiers travel in the query string, so a base URL must be https with a host; plain http only to this
     * machine or when explicitly allowed. The message names the property, never its value.
     */
    private static void requireUsable(String property, URI url, boolean allowPlainHttp) {
        String scheme = url == null ? null : url.getScheme();
        if (scheme == null || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(property + " must be an absolute https URL with a host, and no query, "
                    + "fragment or credentials");
        }
        if (scheme.equalsIgnoreCase("https")) {
            return;
        }
        if (!scheme.equalsIgnoreCase("http")) {
            throw new IllegalArgumentException(property + " must use https");
        }
        if (!allowPlainHttp && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException(property + " uses plain http to another machine; use https, or set "
                    + "privacy.gong.allow-plain-http=true for a local sandbox");
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            // A literal address only: no name is looked up.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Keeps secrets out of logs, error messages and the configprops endpoint. */
    @Override
    public String toString() {
        return "GongProperties[baseUrl=" + effectiveBaseUrl() + ", auth=" + (usesBearerToken() ? "bearer" : usesBasicAuth() ? "basic" : "none")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxCallsPerSecond="
                + maxCallsPerSecond + ", maxCallsPerDay=" + maxCallsPerDay + "]";
    }
}
