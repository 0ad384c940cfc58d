package com.acme.privacy.testsupport;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import com.acme.privacy.console.LocalSignIn;

/**
 * The console's password sign-in for local runs and tests: a VIEWER and an ADMIN with passwords made for the run.
 * It lives in the test sources, so the packaged service cannot offer it; {@code spring-boot:test-run} and the
 * console tests register it explicitly ({@code @TestConfiguration} keeps component scanning from finding it).
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalConsoleSignIn {

    public static final String VIEWER = "local-viewer";
    public static final String ADMIN = "local-admin";

    /** The two local users and their passwords. */
    public record Users(String viewerPassword, String adminPassword) implements LocalSignIn {

        @Override
        public UserDetailsService users() {
            // The lowest bcrypt cost: random passwords that live for one run, checked at every test sign-in.
            PasswordEncoder encoder = new BCryptPasswordEncoder(4);
            return new InMemoryUserDetailsManager(
                    User.withUsername(VIEWER).password("{bcrypt}" + encoder.encode(viewerPassword)).roles("VIEWER").build(),
                    User.withUsername(ADMIN).password("{bcrypt}" + encoder.encode(adminPassword)).roles("ADMIN").build());
        }

        public String passwordOf(String user) {
            return VIEWER.equals(user) ? viewerPassword : adminPassword;
        }

        @Override
        public String toString() {
            return "Users[" + VIEWER + ", " + ADMIN + "]";
        }
    }

    @Bean
    Users localConsoleUsers() {
        return new Users(password(), password());
    }

    private static String password() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
