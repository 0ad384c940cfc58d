package com.acme.privacy.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import com.acme.privacy.web.ProblemResponses;

/**
 * Portals authenticate with API keys, people and services through SSO tokens (when an issuer is configured).
 * Nothing under {@code /api/**} is reachable without credentials. See README, "Security".
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String REQUESTS = "/api/v1/erasure-requests";

    /**
     * Actuator endpoints live on the management port, which the Service does not expose. Probes and metrics need no
     * credentials; health details are shown only to an API key with VIEWER or ADMIN.
     */
    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http, ApiKeys apiKeys, ProblemResponses problems, AuthenticationFailures failures)
            throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems, failures);
        return stateless(http.securityMatcher(EndpointRequest.toAnyEndpoint()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, handlers), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiKeys apiKeys, ProblemResponses problems, AuthenticationFailures failures,
                            AccessControlProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems, failures);
        stateless(http)
                .addFilterBefore(new OneCredentialOnly(problems), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, handlers), AnonymousAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.POST, REQUESTS).hasRole(Role.SUBMITTER.name())
                        .requestMatchers(HttpMethod.POST, REQUESTS + "/*/cancel", REQUESTS + "/*/retry", REQUESTS + "/*/extend")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, REQUESTS + "/*/release", REQUESTS + "/*/responses")
                        .hasAnyRole(Role.SUBMITTER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, REQUESTS + "/search").hasAnyRole(Role.SUBMITTER.name(), Role.VIEWER.name())
                        .requestMatchers(HttpMethod.GET, REQUESTS, REQUESTS + "/*").hasAnyRole(Role.SUBMITTER.name(), Role.VIEWER.name())
                        .requestMatchers(HttpMethod.GET, REQUESTS + "/*/receipt").hasAnyRole(Role.SUBMITTER.name(), Role.VIEWER.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/**", "/api/v1/exports/**", "/api/v1/reports/**")
                        .hasRole(Role.VIEWER.name())
                        // An oracle over every portal's requests: never for a SUBMITTER (see README, "Suppression list").
                        .requestMatchers(HttpMethod.POST, "/api/v1/suppression/check")
                        .hasAnyRole(Role.SUPPRESSION_CHECK.name(), Role.VIEWER.name())
                        // Public keys are public, so that an auditor needs no account to verify evidence.
                        .requestMatchers(HttpMethod.GET, "/api/v1/keys", "/api/v1/keys/*").permitAll()
                        // Anything no rule grants, HEAD and OPTIONS included, is refused.
                        .anyRequest().denyAll());
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtCallers(properties.jwt())))
                    .authenticationEntryPoint(handlers)
                    .accessDeniedHandler(handlers));
        }
        return http.build();
    }

    /**
     * No observation per filter-chain step: wrapping each of the chain's filters cost the intake a tenth of its CPU
     * (JFR), and the HTTP server timer already times the whole request.
     */
    @Bean
    static SecurityObservationSettings noFilterChainObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.ADMIN.authority() + " > " + Role.VIEWER.authority());
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        // Header credentials on every call, no cookies: CSRF protection has nothing to protect.
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
