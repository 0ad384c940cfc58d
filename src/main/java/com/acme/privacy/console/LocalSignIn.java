package com.acme.privacy.console;

import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A password sign-in for local runs. The production code defines no such bean, and no property can make one, so the
 * packaged service offers only SSO; {@code ./mvnw spring-boot:test-run} registers one from the test sources.
 */
public interface LocalSignIn {

    /** The local people, with their roles as {@code ROLE_VIEWER} / {@code ROLE_ADMIN} authorities. */
    UserDetailsService users();
}
