package com.acme.privacy.gong;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach Gong. Either Basic auth ({@code accessKey} + {@code accessKeySecret}) or an OAuth bearer token, in
 * which case calls go to the token's {@code customerBaseUrl} ({@code api_base_url_for_customer}).
 */
@ConfigurationProperties("privacy.gong")
public record GongProperties(
        @DefaultValue("https://api.gong.io") URI baseUrl,
        String accessKey,
        String accessKeySecret,
        String bearerToken,
        URI customerBaseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    boolean usesBearerToken() {
        return bearerToken != null && !bearerToken.isBlank();
    }

    boolean usesBasicAuth() {
        return accessKey != null && !accessKey.isBlank() && accessKeySecret != null && !accessKeySecret.isBlank();
    }

    URI effectiveBaseUrl() {
        return usesBearerToken() && customerBaseUrl != null ? customerBaseUrl : baseUrl;
    }

    /** Keeps secrets out of logs, error messages and the configprops endpoint. */
    @Override
    public String toString() {
        return "GongProperties[baseUrl=" + effectiveBaseUrl() + ", auth=" + (usesBearerToken() ? "bearer" : usesBasicAuth() ? "basic" : "none")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
