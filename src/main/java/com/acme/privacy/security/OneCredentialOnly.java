package com.acme.privacy.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.acme.privacy.web.ProblemResponses;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A call that carries both an API key and a bearer token is refused (400) before either is looked at: which identity
 * it would get must never depend on filter order.
 */
class OneCredentialOnly extends OncePerRequestFilter {

    private final ProblemResponses problems;

    OneCredentialOnly(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Send either an X-API-Key header or an Authorization header, not both");
            problem.setTitle("Two credentials");
            problems.write(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
