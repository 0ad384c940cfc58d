package com.acme.privacy.testsupport;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.PrivacyRequestApplication;

/**
 * A replica of the service started in-process, for tests that need several replicas on one database or a restart.
 * Replicas of one {@link Deployment} share the database, the Gong sandbox and the identifier keys.
 */
public final class ServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public Api api() {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** A client of the management port (health, metrics), as a caller who may see health details. */
    public RestTestClient management() {
        return TestClients.management(context.getEnvironment().getProperty("local.management.port", Integer.class));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public boolean isRunning() {
        return context.isRunning();
    }

    /** A graceful stop, as on SIGTERM. */
    @Override
    public void close() {
        context.close();
    }

    /** What the replicas of one deployment share. */
    public static final class Deployment {

        private final Map<String, Object> shared = new HashMap<>();

        public Deployment(TestDatabases.TestDatabase database, GongSandbox sandbox) {
            shared.put("spring.datasource.url", database.url());
            if (database.username() != null) {
                shared.put("spring.datasource.username", database.username());
                shared.put("spring.datasource.password", database.password());
            }
            shared.putAll(sandbox.properties());
            shared.put("privacy.pii.encryption-keys.test", randomKey());
            shared.put("privacy.pii.active-key-id", "test");
            shared.put("privacy.pii.hash-key", randomKey());
            shared.put("server.port", "0");
            shared.put("management.server.port", "0");
            shared.put("privacy.dispatch.enabled", "true");
            shared.put("privacy.dispatch.poll-interval", "100ms");
            shared.put("privacy.dispatch.shutdown-grace", "5s");
            shared.put("privacy.gong.read-timeout", "2s");
        }

        public ServiceInstance start(String replica, Map<String, Object> overrides) {
            Map<String, Object> properties = new HashMap<>(shared);
            properties.put("privacy.dispatch.replica-id", replica);
            properties.putAll(overrides);
            String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            return new ServiceInstance(new SpringApplicationBuilder(PrivacyRequestApplication.class).profiles("test").run(args));
        }

        public ServiceInstance start(String replica) {
            return start(replica, Map.of());
        }

        public static String randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }
    }
}
