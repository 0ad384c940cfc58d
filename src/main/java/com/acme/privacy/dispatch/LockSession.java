package com.acme.privacy.dispatch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/** The dispatcher lock's own connection, outside the pool, and the backend the lock must stay on. */
final class LockSession {

    enum Hold { HELD, LOST, OTHER_BACKEND }

    private static final Logger log = LoggerFactory.getLogger(LockSession.class);
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(2, 1), pg_backend_pid()";
    private static final String HOLDS_LOCK = "SELECT pg_backend_pid(), " + DispatchLeadership.heldBy("pg_backend_pid()");
    private static final Executor DIRECT = Runnable::run;

    private final Connection connection;
    /** The backend that took the lock. */
    private int lockBackend;

    private LockSession(Connection connection) {
        this.connection = connection;
    }

    static LockSession open(JdbcConnectionDetails database, Duration failoverTimeout) throws SQLException {
        Properties properties = new Properties();
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "privacy-requests-dispatcher-lock");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, failoverTimeout.toSeconds() / 3)));
        Connection connection = DriverManager.getConnection(database.getJdbcUrl(), properties);
        try {
            // The client side gives up on a silent server as quickly as the server gives up on us.
            connection.setNetworkTimeout(DIRECT, (int) failoverTimeout.toMillis());
            long seconds = Math.max(3, failoverTimeout.toSeconds());
            try (Statement statement = connection.createStatement()) {
                // Keepalive probes from idle + interval * count: about two thirds of the timeout, plus slack.
                statement.execute("SET tcp_keepalives_idle = " + Math.max(1, seconds / 3));
                statement.execute("SET tcp_keepalives_interval = " + Math.max(1, seconds / 9));
                statement.execute("SET tcp_keepalives_count = 3");
                statement.execute("SET tcp_user_timeout = " + seconds * 2 / 3 * 1000);
            }
            return new LockSession(connection);
        } catch (SQLException e) {
            abort(connection);
            throw e;
        }
    }

    boolean tryLock() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TRY_LOCK); ResultSet result = statement.executeQuery()) {
            result.next();
            lockBackend = result.getInt(2);
            return result.getBoolean(1);
        }
    }

    /** Whether the lock is still ours, on the backend that took it. */
    Hold check() {
        try (PreparedStatement statement = connection.prepareStatement(HOLDS_LOCK); ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                return Hold.LOST;
            }
            if (result.getInt(1) != lockBackend) {
                return Hold.OTHER_BACKEND;
            }
            return result.getBoolean(2) ? Hold.HELD : Hold.LOST;
        } catch (SQLException e) {
            return Hold.LOST;
        }
    }

    int backend() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    /** Best effort: behind a transaction-pooling proxy the lock may sit on a backend we no longer reach. */
    void unlockAll() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            log.debug("Could not release advisory locks: {}", e.getSQLState());
        }
    }

    String show(String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Aborting first frees a thread blocked on this connection; the session, and the lock, end with it. */
    void close() {
        abort(connection);
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the dispatcher lock's session failed: {}", e.getSQLState());
        }
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(DIRECT);
        } catch (SQLException e) {
            log.debug("Aborting the dispatcher lock's session failed: {}", e.getSQLState());
        }
    }

    /** The backend that took the lock. */
    int lockBackend() {
        return lockBackend;
    }
}
