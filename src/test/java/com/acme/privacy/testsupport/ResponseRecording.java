package com.acme.privacy.testsupport;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.ErasureProperties;
import com.acme.privacy.erasure.SubjectResponses;

import tools.jackson.databind.json.JsonMapper;

/** What a {@code @JdbcTest} slice needs to record responses to the subject as the service does, on a settable clock. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ErasureProperties.class)
@Import({SubjectResponses.class, AuditTrail.class})
public class ResponseRecording {

    @Bean
    SettableClock clock() {
        return new SettableClock();
    }

    @Bean
    JsonMapper jsonMapper() {
        return JsonMapper.builder().build();
    }
}
