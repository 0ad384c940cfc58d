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
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * One active dispatcher per database, elected by a PostgreSQL session advisory lock. A Resilience4j rate limiter is
 * per JVM; with a single active dispatcher it paces the whole deployment.
 * <p>
 * The lock lives on a session of its own, outside the connection pool, so that giving up the lead can close it
 * outright. PostgreSQL frees the lock when the session ends; to notice a vanished replica within
 * {@code failover-timeout} rather than the operating system's two hours, the session sets the server's own TCP
 * keepalives and {@code tcp_user_timeout}. A transaction-pooling proxy would hand our statements to other sessions,
 * where the lock does not hold: that is detected and dispatching refused.
 */
@Component
class DispatchLeadership {

    private static final Logger log = LoggerFactory.getLogger(DispatchLeadership.class);
    // Advisory-lock namespace 2 is the dispatcher's (1 is the audit trail's).
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(2, 1), pg_backend_pid()";
    private static final String HOLDS_LOCK = "SELECT pg_backend_pid(), " + heldBy("pg_backend_pid()");
    static final String POOLING_REFUSAL = "A transaction-pooling proxy (e.g. PgBouncer with pool_mode=transaction) sits "
            + "between the service and PostgreSQL: the dispatcher's advisory lock would not hold. Connect the service "
            + "directly or through session pooling; dispatching is refused";

    private final JdbcConnectionDetails database;
    private final Duration failoverTimeout;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile String refusal;
    private volatile long term;

    DispatchLeadership(JdbcConnectionDetails database, DispatchProperties properties) {
        this.database = database;
        this.failoverTimeout = properties.failoverTimeout();
    }

    /** SQL that is true while the backend {@code backend} (an SQL expression) holds the dispatcher's lock. */
    static String heldBy(String backend) {
        return "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 2 AND objid = 1 AND objsubid = 2 "
                + "AND granted AND pid = " + backend + ")";
    }

    /** The backend that holds the lock for this replica, or 0 when it does not lead. */
    int backend() {
        Session current = session.get();
        return current == null ? 0 : current.lockBackend;
    }

    /**
     * Confirms the lead, or takes it when free; {@code false} when another replica leads, the database is unreachable
     * or dispatching was refused. Called at the start of every round.
     */
    synchronized boolean lead() {
        if (confirm()) {
            return true;
        }
        if (refusal != null || closed) {
            return false;
        }
        Session candidate = null;
        try {
            candidate = Session.open(database, failoverTimeout);
            if (candidate.tryLock()) {
                if (candidate.check() != Hold.HELD || sharesBackendWithANewSession(candidate)) {
                    refuse();
                    candidate.unlockAll();
                    candidate.close();
                    return false;
                }
                session.set(candidate);
                term++;
                leading = true;
                log.info("This replica is now the active dispatcher");
                return true;
            }
            candidate.close();
        } catch (SQLException e) {
            log.warn("Could not reach the database to elect a dispatcher: {}", e.getSQLState());
            if (candidate != null) {
                candidate.close();
            }
        }
        return false;
    }

    /**
     * Two sessions of a direct or session-pooled connection never share a backend. A transaction-pooling proxy
     * hands the idle backend our lock statement just used to the next client: a second session sees the same one.
     * Under load it may hand out another, but then the lock session's own backend changes, which {@link Session#check}
     * catches.
     */
    private boolean sharesBackendWithANewSession(Session lockSession) throws SQLException {
        Session probe = Session.open(database, failoverTimeout);
        try {
            return probe.backend() == lockSession.lockBackend;
        } finally {
            probe.close();
        }
    }

    /**
     * Whether this replica still holds the lead it took; never takes it. Called right before every Gong call, so that
     * a replica that lost the lead meanwhile (and whose claims the new leader has put back) does not call.
     */
    boolean confirm() {
        Session current = session.get();
        if (current == null) {
            return false;
        }
        Hold hold = current.check();
        if (hold == Hold.HELD) {
            return true;
        }
        if (hold == Hold.OTHER_BACKEND) {
            refuse();
        } else {
            log.warn("Lost the dispatcher lock; standing by");
        }
        resign();
        return false;
    }

    /** At shutdown: gives up the lead and never takes it again, whatever thread still runs. */
    void close() {
        closed = true;
        resign();
    }

    private void refuse() {
        refusal = POOLING_REFUSAL;
        log.error(POOLING_REFUSAL);
    }

    /** As of the last check; never waits for the database, so health and metrics stay responsive. */
    boolean isLeader() {
        return leading;
    }

    /** Counts the times this replica took the lead, so that the dispatcher sees a new term begin. */
    long term() {
        return term;
    }

    /** Why this replica will not dispatch at all, or {@code null}. */
    String refusal() {
        return refusal;
    }

    /**
     * Ends the lock's session, and with it the lock. Safe from any thread, also while another thread is blocked on
     * that session: the watchdog uses it to hand the lead to another replica.
     */
    void resign() {
        Session previous = session.getAndSet(null);
        leading = false;
        if (previous != null) {
            previous.close();
            log.info("Gave up the dispatcher lead");
        }
    }

    /** A setting of the lock's session, for tests; {@code null} when not leading. */
    String sessionSetting(String name) throws SQLException {
        Session current = session.get();
        return current == null ? null : current.show(name);
    }

    private enum Hold { HELD, LOST, OTHER_BACKEND }

    /** The lock's connection, and the backend it must stay on. */
    private static final class Session {

        private static final Executor DIRECT = Runnable::run;

        private final Connection connection;
        /** The backend that took the lock. */
        private int lockBackend;

        private Session(Connection connection) {
            this.connection = connection;
        }

        static Session open(JdbcConnectionDetails database, Duration failoverTimeout) throws SQLException {
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
                return new Session(connection);
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
    }
}
