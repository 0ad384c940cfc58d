package com.acme.privacy.quota;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import com.acme.privacy.security.Caller;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Every submission counts against its caller's quotas before its body is read, refused ones included. */
@Component
class SubmissionQuotaInterceptor implements HandlerInterceptor {

    private final SubmissionQuotas quotas;

    SubmissionQuotaInterceptor(SubmissionQuotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if ("POST".equals(request.getMethod()) && authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            quotas.admit(caller);
        }
        return true;
    }
}
