package com.acme.privacy.console;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import com.acme.privacy.security.Caller;
import com.acme.privacy.security.Role;

/** The person using the console, however they signed in, as the rest of the service knows callers. */
final class SignedIn {

    private SignedIn() {
    }

    static Caller caller(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (("ROLE_" + role.name()).equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new Caller(authentication.getName(), Caller.Kind.USER, roles);
    }

    static boolean isAdmin(Authentication authentication) {
        return caller(authentication).roles().contains(Role.ADMIN);
    }
}
