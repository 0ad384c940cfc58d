package com.acme.privacy;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.LocalConsoleSignIn;
import com.acme.privacy.testsupport.PortalReceiver;
import com.acme.privacy.testsupport.TestDatabases;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;

/**
 * {@code ./mvnw spring-boot:test-run}: the service on http://localhost:8080 with a throwaway PostgreSQL, throwaway
 * identifier keys and the Gong sandbox in place of Gong, a portal sandbox that logs the callbacks it receives, and the
 * console's local sign-in (a viewer and an admin, with passwords made for the run and printed in the log).
 */
public final class TestPrivacyRequestApplication {

    private static final Logger log = LoggerFactory.getLogger(TestPrivacyRequestApplication.class);
    /** SHA-256 of "local-dev-key". */
    private static final String LOCAL_KEY_SHA256 = "ed5a18fb8f807f996d649e379d3f35f39c543a91bdbf88c492f2ebd10d4df86c";

    private static String callbackSecret;

    private TestPrivacyRequestApplication() {
    }

    /** What the local portal would see, checked as a portal checks it: with the Standard Webhooks library. */
    private static void logCallback(PortalReceiver.Delivery delivery) {
        String signature;
        try {
            new Webhook(callbackSecret).verify(delivery.body(), delivery.headers());
            signature = "signature valid";
        } catch (WebhookVerificationException | EmptyWebhookSecretException e) {
            signature = "SIGNATURE INVALID";
        }
        log.info("Portal sandbox received callback {} ({}): {}", delivery.header("webhook-id"), signature, delivery.body());
    }

    public static void main(String[] args) {
        TestDatabases.TestDatabase database = TestDatabases.fresh();
        GongSandbox sandbox = GongSandbox.start();
        Map<String, Object> local = new HashMap<>(sandbox.properties());
        local.put("spring.datasource.url", database.url());
        local.put("spring.datasource.username", database.username());
        local.put("spring.datasource.password", database.password());
        local.put("privacy.pii.ephemeral-keys", "true");
        local.put("privacy.evidence.ephemeral-keys", "true");
        local.put("privacy.dispatch.replica-id", "local");
        // curl -H 'X-API-Key: local-dev-key' ...: a local caller that may do everything.
        local.put("privacy.security.api-keys[0].client", "local-portal");
        local.put("privacy.security.api-keys[0].sha256", LOCAL_KEY_SHA256);
        local.put("privacy.security.api-keys[0].roles", "SUBMITTER,ADMIN");
        // A request is checked at the sandbox 20 s after Gong took it, so that COMPLETED shows within a minute.
        local.put("privacy.dispatch.completion-check.delay", "20s");
        local.put("privacy.dispatch.completion-check.retry-interval", "20s");
        PortalReceiver portal = PortalReceiver.start();
        portal.onDelivery(TestPrivacyRequestApplication::logCallback);
        local.putAll(portal.properties(0, "local-portal"));
        callbackSecret = portal.secret();
        SpringApplication application = new SpringApplication(PrivacyRequestApplication.class, LocalConsoleSignIn.class);
        // Above application.yml, which points at a production-style database and the real Gong.
        application.addInitializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("localRun", local)));
        ConfigurableApplicationContext context = application.run(args);
        log.info("Local database: psql '{}'", database.url().substring("jdbc:".length()));
        log.info("Gong sandbox: {}", sandbox.baseUrl());
        log.info("Portal sandbox: {} receives local-portal's callbacks", portal.url());
        log.info("Call the API with the header X-API-Key: local-dev-key");
        LocalConsoleSignIn.Users users = context.getBean(LocalConsoleSignIn.Users.class);
        log.info("Console: http://localhost:8080/console; sign in as {} / {} (VIEWER) or {} / {} (ADMIN)",
                LocalConsoleSignIn.VIEWER, users.viewerPassword(), LocalConsoleSignIn.ADMIN, users.adminPassword());
    }
}
