package com.acme.privacy.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * What {@code /v3/api-docs} says of the API as a whole: its name, the version of the build that serves it, and what
 * it is for. The operations come from the controllers, the security schemes from {@code security}; only
 * {@code /api/**} is described ({@code springdoc.paths-to-match}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    static final String TITLE = "Privacy requests API";

    private static final String DESCRIPTION = """
            Takes GDPR Art. 17 and CCPA erasure requests from a company's portals, forwards them to Gong's data-privacy \
            API and keeps an auditable record of each request: its audit trail, what the subject was told, signed \
            receipts and anchors, CSV exports and the yearly figures of CCPA Regs §7102.

            Callers authenticate with an API key (`X-API-Key`) or an SSO access token (`Authorization: Bearer`). \
            Roles: SUBMITTER (a portal: its own requests only; another portal's look missing), VIEWER (reads \
            everything) and ADMIN (also acts). Every error is RFC 9457 `application/problem+json`; a `400` names the \
            fields in `errors[]` and never repeats their values. Identifiers travel only in bodies, never in URLs, and \
            come back masked.""";

    @Bean
    OpenAPI privacyRequestsApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        // Without build information (a run from an IDE that skipped it) the version is still never springdoc's "v0".
        String version = properties == null ? "development" : properties.getVersion();
        return new OpenAPI().info(new Info().title(TITLE).version(version).description(DESCRIPTION));
    }
}
