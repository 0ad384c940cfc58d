package com.acme.privacy.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service with its dispatcher on, a database and a Gong sandbox of its own, and timings shortened so that
 * backoffs, pauses and the open circuit pass within seconds. The context is closed after the class, so that its
 * dispatcher stops.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "privacy.dispatch.enabled=true",
        "privacy.dispatch.replica-id=test-replica",
        "privacy.dispatch.poll-interval=100ms",
        "privacy.dispatch.max-attempts=3",
        "privacy.dispatch.backoff-initial=500ms",
        "privacy.dispatch.backoff-max=2s",
        "privacy.dispatch.default-retry-after=2s",
        "privacy.dispatch.credentials-retry-interval=2s",
        "privacy.dispatch.misconfiguration-retry-interval=2s",
        "privacy.dispatch.shutdown-grace=5s",
        "privacy.dispatch.missing-key-standby=1s",
        "privacy.dispatch.watchdog-margin=2s",
        "privacy.metrics.refresh-interval=200ms",
        "privacy.gong.connect-timeout=1s",
        "privacy.gong.read-timeout=1s",
        "resilience4j.circuitbreaker.instances.gong.wait-duration-in-open-state=2s"})
@ActiveProfiles("test")
@FreshDatabase
@WithGongSandbox
@DirtiesContext
public @interface DispatcherTest {
}
