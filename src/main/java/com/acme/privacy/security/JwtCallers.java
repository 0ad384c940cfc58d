package com.acme.privacy.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a validated SSO token into a {@link Caller}. Roles come only from claim values configured for them, matched
 * exactly; a token with none is authenticated but may do nothing (403).
 */
class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccessControlProperties.Jwt settings;

    JwtCallers(AccessControlProperties.Jwt settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = settings.roleClaims().rolesFor(values(jwt.getClaim(settings.rolesClaim())));
        String name = jwt.getClaimAsString(settings.nameClaim());
        if (name == null || name.isBlank()) {
            throw new InvalidBearerTokenException("The token names no caller in claim '" + settings.nameClaim() + "'");
        }
        Caller caller = new Caller(name, Caller.Kind.USER, roles);
        List<SimpleGrantedAuthority> authorities = roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(caller, jwt, authorities);
    }

    private static Collection<?> values(Object claim) {
        return claim instanceof Collection<?> list ? list
                : claim instanceof String text ? Arrays.asList(text.split("\\s+")) : List.of();
    }
}
