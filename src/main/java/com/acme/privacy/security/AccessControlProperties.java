package com.acme.privacy.security;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * Who may call the API.
 *
 * @param apiKeys portal back-ends, each known only by the SHA-256 of its key
 * @param jwt     how roles and names are read from SSO tokens (the issuer is set with
 *                {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri})
 */
@ConfigurationProperties("privacy.security")
@Validated
public record AccessControlProperties(@Valid List<ApiKey> apiKeys, @Valid @DefaultValue Jwt jwt) {

    public AccessControlProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /**
     * @param client the caller's name: the {@code source} of what it submits
     * @param sha256 hex SHA-256 of the key; the key itself is never configured
     * @param roles  what the key may do: SUBMITTER, VIEWER, ADMIN, SUPPRESSION_CHECK
     */
    public record ApiKey(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String client,
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex characters (SHA-256)") String sha256,
            @NotEmpty Set<Role> roles) {

        @Override
        public String toString() {
            return "ApiKey[client=" + client + ", roles=" + roles + "]";
        }
    }

    /**
     * @param rolesClaim claim holding role names (a list or a space-separated string, e.g. {@code scope})
     * @param nameClaim  claim naming the caller in the audit trail
     * @param clockSkew  how far a token's expiry and not-before may be off
     * @param roleClaims the exact, case-sensitive claim values that grant each role; anything else grants nothing
     * @param accessTokenTypes the {@code typ} header values that mark an access token (RFC 9068: {@code at+jwt}),
     *                         compared without case and without an {@code application/} prefix
     * @param accessTokenClaim for identity providers that mark access tokens in a claim instead of the {@code typ}
     *                         header: that claim and its value
     */
    public record Jwt(
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("sub") String nameClaim,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue @Valid RoleClaims roleClaims,
            @DefaultValue("at+jwt") Set<@NotBlank String> accessTokenTypes,
            @DefaultValue @Valid AccessTokenClaim accessTokenClaim) {
    }

    /**
     * A claim that marks access tokens, e.g. Keycloak's {@code typ} claim, which is {@code Bearer} in access tokens and
     * {@code ID} in ID tokens. Off while {@code name} is unset.
     *
     * @param name  the claim, case-sensitive
     * @param value the claim's value in an access token, case-sensitive
     */
    public record AccessTokenClaim(String name, String value) {

        boolean isSet() {
            return name != null && !name.isBlank();
        }

        @AssertTrue(message = "needs both a name and a value")
        public boolean isComplete() {
            return !isSet() || value != null && !value.isBlank();
        }
    }

    /**
     * Which claim values grant which role, so that a generic {@code admin} role of another application grants nothing
     * here. Several values may grant one role.
     *
     * @param submitter claim values that grant SUBMITTER
     * @param viewer    claim values that grant VIEWER
     * @param admin     claim values that grant ADMIN
     * @param suppressionCheck claim values that grant SUPPRESSION_CHECK
     */
    public record RoleClaims(
            @DefaultValue("privacy-submitter") Set<String> submitter,
            @DefaultValue("privacy-viewer") Set<String> viewer,
            @DefaultValue("privacy-admin") Set<String> admin,
            @DefaultValue("privacy-suppression-check") Set<String> suppressionCheck) {

        public Set<Role> rolesFor(Collection<?> values) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Object value : values) {
                String text = String.valueOf(value);
                if (submitter.contains(text)) {
                    roles.add(Role.SUBMITTER);
                }
                if (viewer.contains(text)) {
                    roles.add(Role.VIEWER);
                }
                if (admin.contains(text)) {
                    roles.add(Role.ADMIN);
                }
                if (suppressionCheck.contains(text)) {
                    roles.add(Role.SUPPRESSION_CHECK);
                }
            }
            return roles;
        }
    }
}
