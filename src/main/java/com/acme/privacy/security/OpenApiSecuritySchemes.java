package com.acme.privacy.security;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Describes both ways to authenticate in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, paramName = "X-API-Key",
        description = "A portal back-end's API key; the service keeps only its SHA-256. The key's client name is the source "
                + "of what it submits")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token (typ at+jwt, RFC 9068) from the company's SSO, for this service's audience; roles "
                + "come from its roles claim")
class OpenApiSecuritySchemes {
}
