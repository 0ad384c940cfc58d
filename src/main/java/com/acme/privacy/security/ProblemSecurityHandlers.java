package com.acme.privacy.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.acme.privacy.web.ProblemResponses;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 401 and 403 as problem+json. Both are decided before any lookup and say nothing about whether the resource exists.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemResponses problems;
    private final AuthenticationFailures failures;

    ProblemSecurityHandlers(ProblemResponses problems, AuthenticationFailures failures) {
        this.problems = problems;
        this.failures = failures;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        boolean presented = request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null || request.getHeader("Authorization") != null;
        failures.record(request.getRemoteAddr(), presented ? "invalid_credentials" : "missing_credentials");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                presented ? "The credentials are not valid" : "Send an X-API-Key header or an Authorization: Bearer token");
        problem.setTitle("Authentication required");
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this action");
        problem.setTitle("Forbidden");
        problems.write(response, problem);
    }
}
