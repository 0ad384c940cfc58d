package com.acme.privacy.testsupport;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests, found in this order: {@code TEST_DATABASE_URL}, Testcontainers where a Docker engine
 * answers, then an embedded PostgreSQL. Each Spring context gets a database of its own on that server, so that
 * contexts (and their dispatchers) never see each other's rows.
 */
public final class TestDatabases {

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
    private static final AtomicInteger counter = new AtomicInteger();
    /** Contexts still using a database here. */
    private static final AtomicInteger LEASES = new AtomicInteger();
    /** Longer than a context takes to close, shorter than Surefire's wait for the fork to exit (30 s). */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);
    private static Server server;
    /** The migrated database fresh ones are copied from. */
    private static TestDatabase template;

    private TestDatabases() {
    }

    /**
     * Held by every context that uses a database here, and given back when the context has closed (its last bean to
     * go), so that an embedded server stops only after them.
     */
    public static AutoCloseable lease() {
        LEASES.incrementAndGet();
        return () -> {
            synchronized (LEASES) {
                LEASES.decrementAndGet();
                LEASES.notifyAll();
            }
        };
    }

    private static void awaitNoLeases() {
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        synchronized (LEASES) {
            while (LEASES.get() > 0 && System.nanoTime() < deadline) {
                try {
                    LEASES.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A new database with every migration applied: a copy of a template migrated once per server, so that each test
     * context's Flyway only validates instead of running every migration again.
     */
    public static synchronized TestDatabase fresh() {
        if (template == null) {
            TestDatabase migrated = empty();
            Flyway.configure().dataSource(migrated.url(), migrated.username(), migrated.password()).locations("classpath:db/migration")
                    .load().migrate();
            template = migrated;
        }
        return create("TEMPLATE " + template.name());
    }

    /** A new, empty database, for tests of the migrations themselves. */
    public static synchronized TestDatabase empty() {
        return create("");
    }

    private static TestDatabase create(String options) {
        if (server == null) {
            server = start();
        }
        String name = "privacy_test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (options.isEmpty() ? "" : " " + options));
            return new TestDatabase(server.urlFor(name), server.username(), server.password());
        } catch (SQLException e) {
            if (server.shared()) {
                log.warn("Cannot create a database per context on TEST_DATABASE_URL ({}); sharing it", e.getSQLState());
                return new TestDatabase(server.adminUrl(), server.username(), server.password());
            }
            throw new IllegalStateException("Could not create test database", e);
        }
    }

    private static Server start() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            log.info("Tests use the PostgreSQL at TEST_DATABASE_URL");
            return new Server(url, System.getenv("TEST_DATABASE_USERNAME"), System.getenv("TEST_DATABASE_PASSWORD"), true);
        }
        if (dockerAvailable()) {
            log.info("Tests use PostgreSQL in Testcontainers");
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), false);
        }
        log.info("Tests use an embedded PostgreSQL");
        try {
            // A throwaway server: no test survives an operating-system crash, so nothing needs flushing to disk.
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // Spring closes the cached test contexts in shutdown hooks of their own, at the same time: a database
                // that went first would leave each pool waiting on dead connections, and the fork overstaying its exit.
                awaitNoLeases();
                try {
                    embedded.close();
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }));
            return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", false);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public record TestDatabase(String url, String username, String password) {

        String name() {
            String path = address().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private URI address() {
            return URI.create(url.substring("jdbc:".length()));
        }

        public String host() {
            return address().getHost();
        }

        public int port() {
            return address().getPort();
        }

        /** The same database reached through another port on this machine, e.g. a {@link TcpProxy}'s. */
        public TestDatabase via(int localPort) {
            URI address = address();
            return new TestDatabase("jdbc:postgresql://127.0.0.1:" + localPort + address.getRawPath()
                    + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery()), username, password);
        }
    }

    private record Server(String adminUrl, String username, String password, boolean shared) {

        Connection connect() throws SQLException {
            return username == null ? DriverManager.getConnection(adminUrl) : DriverManager.getConnection(adminUrl, username, password);
        }

        /** The admin URL with its database name replaced; query parameters are kept. */
        String urlFor(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String params = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
        }
    }
}
