package com.acme.privacy.security;

import java.util.Set;

/**
 * The authenticated caller: a portal back-end (API key) or a person or service signed in through company SSO (JWT).
 *
 * @param name the API key's client name, or the token's name claim
 */
public record Caller(String name, Kind kind, Set<Role> roles) {

    public enum Kind { CLIENT, USER }

    public Caller {
        roles = Set.copyOf(roles);
    }

    /**
     * The {@code source} of what this caller submits. SSO names get a prefix of their own, so that a person can never
     * pass for a portal client of the same name.
     */
    public String source() {
        return kind == Kind.CLIENT ? name : "sso:" + name;
    }

    /** Who acted, as the audit trail records it. */
    public String actor() {
        return (kind == Kind.CLIENT ? "client:" : "user:") + name;
    }

    /** Whether the caller sees every request, not only those it submitted. */
    public boolean readsEverything() {
        return roles.contains(Role.VIEWER) || roles.contains(Role.ADMIN);
    }
}
