package com.acme.privacy.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses ID tokens, and anything else that is not an access token, as API credentials. An ID token is signed by the
 * same identity provider and may name this service in {@code aud} (when the console and the API share a client), so
 * issuer and audience alone do not tell them apart. An access token says what it is in its {@code typ} header
 * ({@code at+jwt}, RFC 9068) or, with identity providers that predate it, in a claim of their own.
 */
final class AccessTokensOnly implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error NOT_AN_ACCESS_TOKEN = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token is not an access token", null);

    private final Set<String> types;
    private final AccessControlProperties.AccessTokenClaim claim;

    AccessTokensOnly(Set<String> types, AccessControlProperties.AccessTokenClaim claim) {
        this.types = types.stream().map(AccessTokensOnly::mediaType).collect(Collectors.toUnmodifiableSet());
        this.claim = claim;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object typ = token.getHeaders().get("typ");
        boolean typed = typ instanceof String type && types.contains(mediaType(type));
        boolean claimed = claim.isSet() && claim.value().equals(token.getClaimAsString(claim.name()));
        return typed || claimed ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(NOT_AN_ACCESS_TOKEN);
    }

    /** RFC 7515 4.1.9: {@code typ} omits the {@code application/} prefix, and media types ignore case. */
    private static String mediaType(String type) {
        String lowerCase = type.strip().toLowerCase(Locale.ROOT);
        return lowerCase.startsWith("application/") ? lowerCase.substring("application/".length()) : lowerCase;
    }
}
