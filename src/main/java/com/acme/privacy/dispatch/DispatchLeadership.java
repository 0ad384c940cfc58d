package com.acme.privacy.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One active dispatcher per database, elected by a PostgreSQL session advisory lock. A Resilience4j rate limiter is
 * per JVM; with a single active dispatcher it paces the whole deployment. The lock lives on a connection held
 * for as long as this replica leads: when the replica dies, PostgreSQL drops the session and the lock with it, and
 * a standby takes over on its next round. Giving up aborts that connection rather than returning it to the pool,
 * so that no idle pooled session can keep the lock.
 */
@Component
class DispatchLeadership {

    private static final Logger log = LoggerFactory.getLogger(DispatchLeadership.class);
    // Advisory-lock namespace 2 is the dispatcher's (1 is the audit trail's).
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(2, 1)";
    private static final String HOLDS_LOCK = """
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 2 AND objid = 1
                           AND objsubid = 2 AND pid = pg_backend_pid() AND granted)""";

    private final DataSource dataSource;
    private Connection connection;
    private volatile boolean leading;

    DispatchLeadership(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Confirms or takes the lead; {@code false} when another replica leads or the database is unreachable. */
    synchronized boolean lead() {
        if (connection != null) {
            if (query(connection, HOLDS_LOCK)) {
                return true;
            }
            log.warn("Lost the dispatcher lock; standing by");
            abandon();
        }
        try {
            Connection candidate = dataSource.getConnection();
            if (query(candidate, TRY_LOCK)) {
                connection = candidate;
                leading = true;
                log.info("This replica is now the active dispatcher");
                return true;
            }
            candidate.close();
        } catch (SQLException e) {
            log.warn("Could not reach the database to elect a dispatcher: {}", e.getSQLState());
        }
        return false;
    }

    /** As of the last check; never waits for the database, so health and metrics stay responsive. */
    boolean isLeader() {
        return leading;
    }

    synchronized void resign() {
        if (connection != null) {
            abandon();
            log.info("Resigned as active dispatcher");
        }
    }

    private static boolean query(Connection connection, String sql) {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Ends the session, and with it the lock, whatever state the connection is in. */
    private void abandon() {
        leading = false;
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            log.debug("Aborting the dispatcher lock connection failed", e);
        }
        connection = null;
    }
}
