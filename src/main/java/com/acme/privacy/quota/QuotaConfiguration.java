package com.acme.privacy.quota;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class QuotaConfiguration implements WebMvcConfigurer {

    private final SubmissionQuotaInterceptor interceptor;

    QuotaConfiguration(SubmissionQuotaInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/v1/erasure-requests");
    }
}
