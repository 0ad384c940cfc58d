package com.acme.privacy.console;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import com.acme.privacy.security.AccessControlProperties;
import com.acme.privacy.security.Role;

/**
 * A person signed in through SSO gets the roles their ID token grants, read exactly as for API tokens
 * ({@code privacy.security.jwt.roles-claim} and {@code role-claims}): the generic {@code admin} of another application
 * grants nothing. Their name, from {@code name-claim}, is what the audit trail records as {@code user:<name>}.
 */
class SsoConsoleUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final AccessControlProperties.Jwt settings;

    SsoConsoleUsers(AccessControlProperties.Jwt settings) {
        this.settings = settings;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        OidcIdToken idToken = user.getIdToken();
        String name = idToken.getClaimAsString(settings.nameClaim());
        if (name == null || name.isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_id_token",
                    "The ID token names no user in claim '" + settings.nameClaim() + "'", null));
        }
        Set<Role> roles = settings.roleClaims().rolesFor(values(idToken.getClaim(settings.rolesClaim())));
        List<SimpleGrantedAuthority> authorities = roles.stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
        return new DefaultOidcUser(authorities, idToken, user.getUserInfo(), settings.nameClaim());
    }

    /** A list claim, or a space-separated string such as {@code scope}. */
    private static Collection<?> values(Object claim) {
        return claim instanceof Collection<?> list ? list
                : claim instanceof String text ? Arrays.asList(text.split("\\s+")) : List.of();
    }
}
