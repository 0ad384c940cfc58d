package com.acme.privacy.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import com.acme.privacy.security.AccessControlProperties;
import com.acme.privacy.security.Role;

import jakarta.servlet.SessionCookieConfig;

/**
 * The console's own filter chain: people sign in through company SSO (OIDC) into a session; API keys and bearer tokens
 * are not looked at here, so they never open the console. It runs before the API chain and only on the console's
 * paths; {@code security.SecurityConfiguration} is untouched.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String SIGN_IN = "/console/sign-in";
    static final String DENIED = "/console/denied";
    static final String SIGN_OUT = "/console/sign-out";

    /** No script at all, styles and images only from here, no framing, forms only back to us. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(0)
    SecurityFilterChain console(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> sso,
                                ObjectProvider<LocalSignIn> localSignIn, AccessControlProperties access) throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        // Forwarded, so the address bar keeps the refused URL and the page says nothing about what is behind it.
        denied.setErrorPage(DENIED);
        http.securityMatcher("/console", "/console/**", "/oauth2/authorization/**", "/login/oauth2/code/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(SIGN_IN, DENIED, "/console/assets/**").permitAll()
                        .requestMatchers(ConsoleAction.PATHS, DeadLetterController.RESEND_PATHS).hasRole(Role.ADMIN.name())
                        // ADMIN includes VIEWER through the RoleHierarchy of the API's configuration.
                        .anyRequest().hasRole(Role.VIEWER.name()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedHandler(denied))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .logout(logout -> logout.logoutUrl(SIGN_OUT).logoutSuccessUrl(SIGN_IN + "?signed-out"))
                .httpBasic(AbstractHttpConfigurer::disable);
        if (sso.getIfAvailable() != null) {
            http.oauth2Login(login -> login
                    .loginPage(SIGN_IN)
                    .defaultSuccessUrl("/console")
                    .failureUrl(SIGN_IN + "?failed")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new SsoConsoleUsers(access.jwt()))));
        }
        LocalSignIn local = localSignIn.getIfAvailable();
        if (local != null) {
            // Only a bean from the test sources provides this (spring-boot:test-run); no property can.
            http.authenticationProvider(new DaoAuthenticationProvider(local.users()))
                    .formLogin(form -> form
                            .loginPage(SIGN_IN)
                            .loginProcessingUrl(SIGN_IN)
                            .defaultSuccessUrl("/console")
                            .failureUrl(SIGN_IN + "?failed"));
        }
        return http.build();
    }

    /** The session cookie carries a signed-in person: never over plain HTTP (but to localhost), never to scripts. */
    @Bean
    ServletContextInitializer consoleSessionCookie() {
        return servletContext -> {
            SessionCookieConfig cookie = servletContext.getSessionCookieConfig();
            cookie.setSecure(true);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
        };
    }
}
